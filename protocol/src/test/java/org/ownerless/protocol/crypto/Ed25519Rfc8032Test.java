package org.ownerless.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8032 §7.1 test vectors through our key derivation, encoding, signing and verification. */
class Ed25519Rfc8032Test {
  private static final HexFormat HEX = HexFormat.of();

  @ParameterizedTest(name = "RFC 8032 test {0}")
  @CsvSource({
      "1, 9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60, d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a, '', e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
      "2, 4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb, 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c, 72, 92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
      "3, c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7, fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025, af82, 6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
  })
  void signingWithTheRfcSeedReproducesTheRfcKeyAndSignature(int test, String seed, String pub, String msg, String sig) {
    Signer signer = Signer.fromSeed(HEX.parseHex(seed));
    byte[] message = HEX.parseHex(msg);

    assertThat(HEX.formatHex(signer.publicKey().toByteArray())).isEqualTo(pub);
    assertThat(HEX.formatHex(signer.sign(message))).isEqualTo(sig);
    PublicKey parsed = PublicKey.fromBytes(HEX.parseHex(pub));
    assertThat(parsed.verify(message, HEX.parseHex(sig))).isTrue();
    assertThat(parsed).isEqualTo(signer.publicKey());
  }

  @ParameterizedTest(name = "RFC 8032 test {0} fails with any single flipped bit")
  @CsvSource({
      "2, 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c, 72, 92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
  })
  void aFlippedBitInSignatureOrMessageFailsVerification(int test, String pub, String msg, String sig) {
    PublicKey key = PublicKey.fromBytes(HEX.parseHex(pub));
    byte[] message = HEX.parseHex(msg);
    byte[] signature = HEX.parseHex(sig);
    for (int bit = 0; bit < signature.length * 8; bit++) {
      byte[] bad = signature.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(key.verify(message, bad)).as("signature bit %d", bit).isFalse();
    }
    for (int bit = 0; bit < message.length * 8; bit++) {
      byte[] bad = message.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(key.verify(bad, signature)).as("message bit %d", bit).isFalse();
    }
  }

  @org.junit.jupiter.api.Test
  void aSignatureWithSAboveTheGroupOrderIsRejected() {
    // S' = S + L is the classic malleability: same verification equation, different bytes.
    Signer signer = Signer.fromSeed(HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    byte[] sig = signer.sign(new byte[0]);
    java.math.BigInteger l = java.math.BigInteger.TWO.pow(252).add(new java.math.BigInteger("27742317777372353535851937790883648493"));
    byte[] sLittle = java.util.Arrays.copyOfRange(sig, 32, 64);
    byte[] sBig = new byte[32];
    for (int i = 0; i < 32; i++) {
      sBig[i] = sLittle[31 - i];
    }
    java.math.BigInteger s = new java.math.BigInteger(1, sBig).add(l);
    byte[] sPlusL = s.toByteArray();
    byte[] malleated = sig.clone();
    for (int i = 0; i < 32; i++) {
      int src = sPlusL.length - 1 - i;
      malleated[32 + i] = src >= 0 ? sPlusL[src] : 0;
    }
    assertThat(signer.publicKey().verify(new byte[0], sig)).isTrue();
    assertThat(signer.publicKey().verify(new byte[0], malleated)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void publicKeyTextFormIs43Base64UrlCharactersAndRoundTrips() {
    Signer signer = Signer.generate();
    String text = signer.publicKey().toBase64Url();
    assertThat(text).hasSize(43).matches("[A-Za-z0-9_-]{43}");
    assertThat(PublicKey.parse(text)).isEqualTo(signer.publicKey());
  }
}
