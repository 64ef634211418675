package org.ownerless.protocol.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * RFC 8785 (JCS) canonical bytes of a JSON value: sorted keys (by UTF-16 code units), no
 * whitespace, ECMAScript string escaping and number formatting. Signatures cover these bytes, so
 * the signer and every verifier (Java or JavaScript) agree byte for byte whatever the transport did
 * to whitespace or key order.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  public static byte[] bytes(JsonNode node) {
    byte[] direct = DirectCanonical.bytes(node, null, null);
    return direct != null ? direct : viaCanonicalizer(node);
  }

  /**
   * The canonical bytes of {@code object} with one more string field, without copying the tree:
   * a signed object as published is its signed body plus {@code sig}.
   *
   * @throws IllegalArgumentException if {@code object} has that field already
   */
  public static byte[] bytesWith(ObjectNode object, String key, String value) {
    byte[] direct = DirectCanonical.bytes(object, key, value);
    if (direct != null) {
      return direct;
    }
    ObjectNode copy = object.deepCopy();
    copy.put(key, value);
    return viaCanonicalizer(copy);
  }

  /** The general path: Jackson writes the text, the JCS library parses and rewrites it. */
  static byte[] viaCanonicalizer(JsonNode node) {
    try {
      String plain = StrictJson.mapper().writeValueAsString(node);
      return new JsonCanonicalizer(plain).getEncodedUTF8();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    } catch (IOException e) {
      // The canonicalizer re-parses our own output; failure means a value outside the restricted model.
      throw new IllegalArgumentException("cannot canonicalize: " + e.getMessage(), e);
    }
  }

  public static String string(JsonNode node) {
    return new String(bytes(node), StandardCharsets.UTF_8);
  }
}
