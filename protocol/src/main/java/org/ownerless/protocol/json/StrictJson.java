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
import java.nio.charset.StandardCharsets;
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
    String text = decodeStrictUtf8(bytes);
    JsonNode root;
    try {
      // From the decoded String, never the bytes: Jackson would auto-detect UTF-16/UTF-32.
      root = MAPPER.readTree(text);
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

  /**
   * Strict UTF-8 (RFC 3629), the same rules as the viewer's fatal TextDecoder: refuses overlong
   * forms, encoded surrogates (ED A0..BF), code points above U+10FFFF, bytes C0, C1, F5..FF,
   * missing or stray continuation bytes and a sequence cut by the end. One leading UTF-8 BOM is
   * dropped (as TextDecoder and Jackson drop it). A NUL byte is refused too: no JSON document has
   * one raw, and it is what a UTF-16 or UTF-32 document without a BOM looks like.
   */
  static String decodeStrictUtf8(byte[] b) throws ProtocolException {
    int start = b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF ? 3 : 0;
    int i = start;
    while (i < b.length) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        if (c == 0) {
          throw notUtf8("NUL byte (a UTF-16 or UTF-32 document?)", i);
        }
        i++;
        continue;
      }
      int n;
      int lo = 0x80;
      int hi = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
      } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        if (c == 0xE0) {
          lo = 0xA0; // below: overlong
        } else if (c == 0xED) {
          hi = 0x9F; // above: UTF-16 surrogate code points
        }
      } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        if (c == 0xF0) {
          lo = 0x90; // below: overlong
        } else if (c == 0xF4) {
          hi = 0x8F; // above: beyond U+10FFFF
        }
      } else if (c == 0xC0 || c == 0xC1) {
        throw notUtf8("overlong encoding", i);
      } else if (c >= 0xF5) {
        throw notUtf8(c < 0xF8 ? "code point above U+10FFFF"
            : "invalid byte 0x" + Integer.toHexString(c).toUpperCase()
                + (i == 0 && c >= 0xFE ? " (a UTF-16 or UTF-32 byte order mark?)" : ""), i);
      } else {
        throw notUtf8("unexpected continuation byte", i);
      }
      if (i + n >= b.length) {
        throw notUtf8("truncated sequence", i);
      }
      for (int k = 1; k <= n; k++) {
        int d = b[i + k] & 0xff;
        if (d < lo || d > hi) {
          String what = d < 0x80 || d > 0xBF ? "invalid continuation byte"
              : c == 0xED ? "encoded UTF-16 surrogate"
              : c == 0xF4 ? "code point above U+10FFFF" : "overlong encoding";
          throw notUtf8(what, k == 1 ? i : i + k);
        }
        lo = 0x80;
        hi = 0xBF;
      }
      i += n + 1;
    }
    return new String(b, start, b.length - start, StandardCharsets.UTF_8);
  }

  private static ProtocolException notUtf8(String what, int at) {
    return new ProtocolException("not UTF-8: " + what + " at byte " + at);
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
