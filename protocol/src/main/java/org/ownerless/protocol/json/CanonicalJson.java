package org.ownerless.protocol.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
