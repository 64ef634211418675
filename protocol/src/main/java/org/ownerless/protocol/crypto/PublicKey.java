package org.ownerless.protocol.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Set;

/**
 * A creator's identity: a 32-byte Ed25519 public key (RFC 8032 encoding), written as 43 base64url
 * characters. This is the PUB in every stream URL.
 */
public final class PublicKey {
  public static final int LENGTH = 32;

  /** p = 2^255 - 19. A y at or above p is a second spelling of y - p (RFC 8032 §5.1.3 refuses it). */
  private static final BigInteger FIELD_PRIME = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

  /** The y of two of the four points of order 8; the other two have p - y (see SMALL_ORDER_Y). */
  private static final BigInteger ORDER_8_Y =
      new BigInteger("05fc536d880238b13933c6d305acdfd5f098eff289f4c345b027b2c28f95e826", 16);

  /**
   * The y of every point whose order divides the cofactor 8: the identity (1), the point of order 2
   * (p - 1), the two of order 4 (0) and the four of order 8 (±ORDER_8_Y). Such a point names nobody:
   * signatures it accepts can be made without any secret (for the identity, R = identity and S = 0
   * verify every message). Matching on y covers both x signs; with y < p checked first, every spelling.
   */
  private static final Set<BigInteger> SMALL_ORDER_Y = Set.of(BigInteger.ZERO, BigInteger.ONE,
      FIELD_PRIME.subtract(BigInteger.ONE), ORDER_8_Y, FIELD_PRIME.subtract(ORDER_8_Y));

  private final byte[] encoded;
  private final java.security.PublicKey jdkKey;

  private PublicKey(byte[] encoded, java.security.PublicKey jdkKey) {
    this.encoded = encoded;
    this.jdkKey = jdkKey;
  }

  /** Parses the 43-character base64url form. */
  public static PublicKey parse(String base64url) {
    return fromBytes(Base64Url.decode(base64url, LENGTH));
  }

  /**
   * Builds a key from its 32-byte RFC 8032 encoding (little-endian y, top bit = parity of x). Refuses
   * y ≥ p and the small-order points, so a creator has exactly one spelling and is a real key.
   */
  public static PublicKey fromBytes(byte[] encoded) {
    if (encoded.length != LENGTH) {
      throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, not " + encoded.length);
    }
    byte[] copy = encoded.clone();
    boolean xOdd = (copy[31] & 0x80) != 0;
    byte[] bigEndianY = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      bigEndianY[i] = copy[LENGTH - 1 - i];
    }
    bigEndianY[0] &= 0x7f;
    BigInteger y = new BigInteger(1, bigEndianY);
    if (y.compareTo(FIELD_PRIME) >= 0) {
      throw new IllegalArgumentException("not a canonical Ed25519 public key: y ≥ p");
    }
    if (SMALL_ORDER_Y.contains(y)) {
      // Also covers x = 0 with the sign bit set (y = 1 or p - 1), which RFC 8032 §5.1.3 refuses.
      throw new IllegalArgumentException("a small-order point cannot be a creator key");
    }
    try {
      KeyFactory factory = KeyFactory.getInstance("Ed25519");
      java.security.PublicKey key =
          factory.generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, y)));
      return new PublicKey(copy, key);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a valid Ed25519 public key: " + e.getMessage(), e);
    }
  }

  static PublicKey fromJdk(EdECPublicKey key) {
    EdECPoint point = key.getPoint();
    byte[] bigEndianY = point.getY().toByteArray();
    byte[] encoded = new byte[LENGTH];
    // BigInteger may add a sign byte or drop leading zeros; copy the low 32 bytes, reversed.
    for (int i = 0; i < LENGTH && i < bigEndianY.length; i++) {
      encoded[i] = bigEndianY[bigEndianY.length - 1 - i];
    }
    if (point.isXOdd()) {
      encoded[31] |= (byte) 0x80;
    }
    return new PublicKey(encoded, key);
  }

  /**
   * RFC 8032 verification with the JDK's provider. Returns false, never throws, for a signature of
   * the wrong length or one the provider rejects (including a non-canonical S).
   */
  public boolean verify(byte[] message, byte[] signature) {
    if (signature.length != Signer.SIGNATURE_LENGTH) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(jdkKey);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  public byte[] toByteArray() {
    return encoded.clone();
  }

  public String toBase64Url() {
    return Base64Url.encode(encoded);
  }

  /** First and last characters of the key, for people comparing keys at a glance. */
  public String shortForm() {
    String full = toBase64Url();
    return full.substring(0, 6) + "…" + full.substring(full.length() - 4);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey && MessageDigest.isEqual(encoded, ((PublicKey) o).encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return toBase64Url();
  }
}
