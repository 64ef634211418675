package org.ownerless.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ownerless.protocol.fixtures.Fixtures;

/** One spelling per key (protocol §1): y ≥ p and small-order points are refused wherever a key is read. */
class PublicKeyTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

  /**
   * Every canonical encoding of a point of order 1, 2, 4 or 8 (the same list as libsodium's blocklist
   * and the "small order" cases of public Ed25519 test suites), plus the two with x = 0 and the sign
   * bit set, which RFC 8032 §5.1.3 refuses to decode.
   */
  static final List<String> SMALL_ORDER = List.of(
      "0100000000000000000000000000000000000000000000000000000000000000", // identity
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 2 (y = p - 1)
      "0000000000000000000000000000000000000000000000000000000000000000", // order 4
      "0000000000000000000000000000000000000000000000000000000000000080", // order 4, other x
      "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", // order 8
      "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
      "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
      "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
      "0100000000000000000000000000000000000000000000000000000000000080", // identity, x = 0 with sign bit
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"); // order 2, x = 0 with sign bit

  @Test
  void aNormalKeyIsAcceptedAndKeepsItsSpelling() {
    String text = Fixtures.CREATOR.publicKey().toBase64Url();
    PublicKey key = PublicKey.parse(text);
    assertThat(key.toBase64Url()).isEqualTo(text);
    assertThat(key).isEqualTo(Fixtures.CREATOR.publicKey());
    byte[] message = "hello".getBytes();
    assertThat(key.verify(message, Fixtures.CREATOR.sign(message))).isTrue();
  }

  @Test
  void everySmallOrderEncodingIsRefused() {
    for (String hex : SMALL_ORDER) {
      assertThatThrownBy(() -> PublicKey.fromBytes(HEX.parseHex(hex))).as(hex)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a small-order point cannot be a creator key");
      // and through the text form every reader uses
      String text = Base64Url.encode(HEX.parseHex(hex));
      assertThatThrownBy(() -> PublicKey.parse(text)).as(text).hasMessage("a small-order point cannot be a creator key");
    }
  }

  @Test
  void everyYAtOrAbovePIsRefusedWithEitherSignBit() {
    // p .. 2^255 - 1 are the 19 second spellings of 0 .. 18; y = p and p + 1 are the small-order 0 and 1.
    for (int extra = 0; extra < 19; extra++) {
      for (boolean xOdd : new boolean[] {false, true}) {
        byte[] encoded = littleEndian(P.add(BigInteger.valueOf(extra)));
        if (xOdd) {
          encoded[31] |= (byte) 0x80;
        }
        assertThatThrownBy(() -> PublicKey.fromBytes(encoded)).as("y = p + %d, x odd = %s", extra, xOdd)
            .hasMessage("not a canonical Ed25519 public key: y ≥ p");
      }
    }
  }

  @Test
  void theLargestCanonicalYIsNotRefusedAsNonCanonical() {
    // p - 1 is canonical (it is refused, but as the point of order 2, not as a spelling).
    assertThatThrownBy(() -> PublicKey.fromBytes(littleEndian(P.subtract(BigInteger.ONE))))
        .hasMessage("a small-order point cannot be a creator key");
  }

  private static byte[] littleEndian(BigInteger y) {
    byte[] bigEndian = y.toByteArray(); // at most 32 bytes: y < 2^255 needs no sign byte
    byte[] out = new byte[32];
    for (int i = 0; i < bigEndian.length; i++) {
      out[i] = bigEndian[bigEndian.length - 1 - i];
    }
    return out;
  }
}
