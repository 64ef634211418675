package org.ownerless.protocol.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import org.ownerless.protocol.ProtocolException;

/**
 * Parses untrusted JSON into the restricted model that signed objects use: objects, arrays,
 * strings, integers in the IEEE-754 safe range (so JavaScript reads the same number), booleans.
 * Floats, null, duplicate keys, trailing content and oversized or deeply nested input are refused
 * before anything looks at the content, so a hostile origin pays for its own bytes only.
 */
public final class StrictJson {
  /** Larger than any legitimate announce or manifest (a full 8192-entry window is about 1.4 MiB). */
  public static final int MAX_BYTES = 2 << 20;
  public static final int MAX_DEPTH = 16;
  /** 2^53 - 1: the largest integer every JSON implementation (including JavaScript) reads exactly. */
  public static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .build();

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(MAX_DEPTH)
        .maxNumberLength(32)
        .maxStringLength(MAX_BYTES)
        .build());
  }

  private StrictJson() {}

  public static JsonNode parse(byte[] bytes) throws ProtocolException {
    if (bytes.length > MAX_BYTES) {
      throw new ProtocolException("JSON document too large: " + bytes.length + " bytes (limit " + MAX_BYTES + ")");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new ProtocolException("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ProtocolException("unreadable JSON: " + e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw new ProtocolException("empty JSON document");
    }
    checkRestricted(root, "$");
    return root;
  }

  private static void checkRestricted(JsonNode node, String path) throws ProtocolException {
    switch (node.getNodeType()) {
      case OBJECT:
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          checkRestricted(field.getValue(), path + "." + field.getKey());
        }
        return;
      case ARRAY:
        for (int i = 0; i < node.size(); i++) {
          checkRestricted(node.get(i), path + "[" + i + "]");
        }
        return;
      case NUMBER:
        if (!node.isIntegralNumber()) {
          throw new ProtocolException(path + ": floating-point numbers are not allowed in signed objects");
        }
        if (node.bigIntegerValue().abs().compareTo(java.math.BigInteger.valueOf(MAX_SAFE_INTEGER)) > 0) {
          throw new ProtocolException(path + ": integer outside the safe range ±(2^53-1)");
        }
        return;
      case STRING:
        checkNoLoneSurrogate(node.textValue(), path);
        return;
      case BOOLEAN:
        return;
      case NULL:
        throw new ProtocolException(path + ": null is not allowed; omit the field instead");
      default:
        throw new ProtocolException(path + ": unsupported JSON value");
    }
  }

  /**
   * An unpaired UTF-16 surrogate has no UTF-8 encoding; JavaScript's TextEncoder would turn it
   * into U+FFFD and the two sides would sign different bytes. I-JSON (RFC 7493) forbids it too.
   */
  private static void checkNoLoneSurrogate(String s, String path) throws ProtocolException {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new ProtocolException(path + ": string contains an unpaired UTF-16 surrogate");
      }
    }
  }

  /** The shared mapper, for building nodes to serialize. */
  public static JsonMapper mapper() {
    return MAPPER;
  }
}
