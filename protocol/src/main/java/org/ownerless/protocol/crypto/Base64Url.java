package org.ownerless.protocol.crypto;

import java.util.Base64;

/**
 * base64url without padding (RFC 4648 §5), the text form of keys and signatures.
 * Decoding is strict: padding, whitespace, the standard alphabet and non-zero trailing bits are all
 * refused, so every value has exactly one spelling and a signature cannot be re-encoded to look new.
 */
public final class Base64Url {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Base64Url() {}

  public static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /** Decodes exactly {@code expectedLength} bytes or throws IllegalArgumentException saying why. */
  public static byte[] decode(String text, int expectedLength) {
    int expectedChars = (expectedLength * 8 + 5) / 6;
    if (text.length() != expectedChars) {
      throw new IllegalArgumentException(
          "expected " + expectedChars + " base64url characters, got " + text.length());
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!ok) {
        throw new IllegalArgumentException("invalid base64url character '" + c + "' at " + i);
      }
    }
    byte[] bytes = DECODER.decode(text);
    if (!encode(bytes).equals(text)) {
      throw new IllegalArgumentException("non-canonical base64url (unused trailing bits are set)");
    }
    return bytes;
  }
}
