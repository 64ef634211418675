package org.ownerless.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Writes RFC 8785 (JCS) bytes straight from a JSON tree, in one pass: keys sorted by UTF-16 code
 * units ({@link String#compareTo} is exactly that order), strings with only {@code "}, {@code \}
 * and control characters escaped, integers in the safe range as plain decimals. That is all the
 * restricted model of signed objects holds. Serializing with Jackson and having the JCS library
 * parse and rewrite the text did the same work three times on the segment publishing path.
 *
 * <p>Anything this writer does not cover exactly (a float, an integer beyond 2^53 - 1, a lone
 * surrogate) makes it return {@code null}, and {@link CanonicalJson} takes the general path.
 */
final class DirectCanonical {
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private byte[] out;
  private int size;

  private DirectCanonical(int capacity) {
    out = new byte[capacity];
  }

  /**
   * The canonical bytes of the object {@code node}, with {@code extraKey} set to the string
   * {@code extraValue} if the key is not null (the object must not have it); null if {@code node} is
   * not an object or holds something outside the model.
   */
  static byte[] bytes(JsonNode node, String extraKey, String extraValue) {
    if (!node.isObject()) {
      return null; // signed objects are objects; whatever else the general path does with it stays as it was
    }
    DirectCanonical w = new DirectCanonical(4096);
    return w.object(node, extraKey, extraValue) ? Arrays.copyOf(w.out, w.size) : null;
  }

  private boolean value(JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT:
        return object(node, null, null);
      case ARRAY:
        return array(node);
      case STRING:
        return string(node.textValue());
      case NUMBER:
        return integer(node);
      case BOOLEAN:
        ascii(node.booleanValue() ? "true" : "false");
        return true;
      case NULL:
        ascii("null");
        return true;
      default:
        return false; // binary, POJO, missing: nothing a signed object holds
    }
  }

  private boolean object(JsonNode node, String extraKey, String extraValue) {
    int count = node.size() + (extraKey == null ? 0 : 1);
    String[] keys = new String[count];
    int k = 0;
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      keys[k++] = names.next();
    }
    if (extraKey != null) {
      if (node.has(extraKey)) {
        throw new IllegalArgumentException("the object already has a '" + extraKey + "' field");
      }
      keys[k] = extraKey;
    }
    Arrays.sort(keys);
    put((byte) '{');
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        put((byte) ',');
      }
      if (!string(keys[i])) {
        return false;
      }
      put((byte) ':');
      if (keys[i].equals(extraKey) ? !string(extraValue) : !value(node.get(keys[i]))) {
        return false;
      }
    }
    put((byte) '}');
    return true;
  }

  private boolean array(JsonNode node) {
    put((byte) '[');
    for (int i = 0; i < node.size(); i++) {
      if (i > 0) {
        put((byte) ',');
      }
      if (!value(node.get(i))) {
        return false;
      }
    }
    put((byte) ']');
    return true;
  }

  /** Integers JavaScript reads exactly print as their decimal digits in JCS (ECMAScript Number#toString). */
  private boolean integer(JsonNode node) {
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      return false;
    }
    long v = node.longValue();
    if (v > StrictJson.MAX_SAFE_INTEGER || v < -StrictJson.MAX_SAFE_INTEGER) {
      return false;
    }
    ascii(Long.toString(v));
    return true;
  }

  private boolean string(String s) {
    ensure(s.length() * 6 + 2); // the longest form of a char is six bytes (\\u00xx); UTF-8 takes at most three
    out[size++] = '"';
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x80) {
        if (c == '"' || c == '\\') {
          out[size++] = '\\';
        }
        out[size++] = (byte) c;
      } else if (c < 0x20) {
        escapeControl(c);
      } else if (c < 0x800) {
        out[size++] = (byte) (0xC0 | c >> 6);
        out[size++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c) || i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false; // a lone surrogate has no UTF-8 form
        }
        int cp = Character.toCodePoint(c, s.charAt(++i));
        out[size++] = (byte) (0xF0 | cp >> 18);
        out[size++] = (byte) (0x80 | cp >> 12 & 0x3F);
        out[size++] = (byte) (0x80 | cp >> 6 & 0x3F);
        out[size++] = (byte) (0x80 | cp & 0x3F);
      } else {
        out[size++] = (byte) (0xE0 | c >> 12);
        out[size++] = (byte) (0x80 | c >> 6 & 0x3F);
        out[size++] = (byte) (0x80 | c & 0x3F);
      }
    }
    out[size++] = '"';
    return true;
  }

  /** JSON.stringify's escapes: the five short forms, otherwise a lowercase \\u00xx. */
  private void escapeControl(char c) {
    out[size++] = '\\';
    switch (c) {
      case '\b' -> out[size++] = 'b';
      case '\t' -> out[size++] = 't';
      case '\n' -> out[size++] = 'n';
      case '\f' -> out[size++] = 'f';
      case '\r' -> out[size++] = 'r';
      default -> {
        out[size++] = 'u';
        out[size++] = '0';
        out[size++] = '0';
        out[size++] = HEX[c >> 4];
        out[size++] = HEX[c & 0xF];
      }
    }
  }

  private void ascii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      out[size++] = (byte) s.charAt(i);
    }
  }

  private void put(byte b) {
    ensure(1);
    out[size++] = b;
  }

  private void ensure(int more) {
    if (size + more > out.length) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
    }
  }
}
