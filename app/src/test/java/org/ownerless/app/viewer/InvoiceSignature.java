package org.ownerless.app.viewer;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * The BOLT #11 signature of a test invoice: secp256k1 ECDSA (RFC 6979 nonce, low S) over SHA-256 of
 * the human-readable part and the data words packed into bytes, written as r ‖ s ‖ recovery id.
 * The key is the BOLT #11 examples' public test key, so the node the viewer recovers is known.
 */
final class InvoiceSignature {
  /** The BOLT #11 examples' priv_key (a published test value, never a real node's). */
  static final BigInteger TEST_NODE_SECRET =
      new BigInteger("e126f68f7eafcc8b74f54d269fe206be715000f94dac067d1c04a8ca3b2db734", 16);
  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");

  private InvoiceSignature() {}

  /** 65 bytes: r, s and the recovery id of the signature over {@code hrp} and {@code words}. */
  static byte[] sign(String hrp, List<Integer> words) {
    byte[] digest = sha256(concat(hrp.getBytes(StandardCharsets.US_ASCII), packed(words)));
    BigInteger n = CURVE.getN();
    HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
    nonces.init(n, TEST_NODE_SECRET, digest);
    BigInteger k = nonces.nextK();
    ECPoint big = CURVE.getG().multiply(k).normalize();
    BigInteger r = big.getAffineXCoord().toBigInteger().mod(n);
    BigInteger s = k.modInverse(n).multiply(new BigInteger(1, digest).add(r.multiply(TEST_NODE_SECRET))).mod(n);
    int recovery = big.getAffineYCoord().toBigInteger().testBit(0) ? 1 : 0;
    if (s.compareTo(n.shiftRight(1)) > 0) { // low S, as BOLT #11 requires with an n field; flips R's parity
      s = n.subtract(s);
      recovery ^= 1;
    }
    return concat(concat(BigIntegers.asUnsignedByteArray(32, r), BigIntegers.asUnsignedByteArray(32, s)),
        new byte[] {(byte) recovery});
  }

  /** Five-bit words as a bit string cut into bytes, the last one padded with zero bits. */
  private static byte[] packed(List<Integer> words) {
    byte[] out = new byte[(words.size() * 5 + 7) / 8];
    int bit = 0;
    for (int w : words) {
      for (int i = 4; i >= 0; i--, bit++) {
        if (((w >> i) & 1) != 0) {
          out[bit / 8] |= (byte) (0x80 >> (bit % 8));
        }
      }
    }
    return out;
  }

  private static byte[] sha256(byte[] data) {
    SHA256Digest d = new SHA256Digest();
    d.update(data, 0, data.length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
