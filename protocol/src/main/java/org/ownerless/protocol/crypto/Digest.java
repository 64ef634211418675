package org.ownerless.protocol.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable SHA-256 value: a segment hash, a Merkle node or a log root.
 * Text form is 64 lowercase hex characters, the form used in every signed object.
 */
public final class Digest {
  public static final int LENGTH = 32;
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private Digest(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of exactly 32 bytes. */
  public static Digest of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a SHA-256 digest is 32 bytes, not " + bytes.length);
    }
    return new Digest(bytes.clone());
  }

  /** Parses 64 lowercase hex characters; uppercase is refused so every hash has one spelling. */
  public static Digest fromHex(String hex) {
    if (hex.length() != LENGTH * 2 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw new IllegalArgumentException("expected 64 lowercase hex characters");
    }
    return new Digest(HEX.parseHex(hex));
  }

  public static Digest sha256(byte[] data) {
    return new Digest(newSha256().digest(data));
  }

  public static Digest sha256(byte[] data, int offset, int length) {
    MessageDigest md = newSha256();
    md.update(data, offset, length);
    return new Digest(md.digest());
  }

  /** Adopts the output of a finished MessageDigest without copying. */
  public static Digest finish(MessageDigest md) {
    return new Digest(md.digest());
  }

  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** Feeds this digest into another hash without exposing the array. */
  public void updateInto(MessageDigest md) {
    md.update(bytes);
  }

  public String hex() {
    return HEX.formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Digest && MessageDigest.isEqual(bytes, ((Digest) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
