package org.ownerless.ingest.hls;

import java.util.HashMap;
import java.util.Map;

/** An HLS attribute list (RFC 8216 §4.2): {@code NAME=value,NAME="quoted, value"}. */
final class AttributeList {
  private final Map<String, String> values;

  private AttributeList(Map<String, String> values) {
    this.values = values;
  }

  static AttributeList parse(String text) throws PlaylistException {
    Map<String, String> values = new HashMap<>();
    int i = 0;
    while (i < text.length()) {
      int eq = text.indexOf('=', i);
      if (eq < 0) {
        throw new PlaylistException("attribute without a value in '" + Shown.of(text) + "'");
      }
      String name = text.substring(i, eq).trim();
      int end;
      String value;
      if (eq + 1 < text.length() && text.charAt(eq + 1) == '"') {
        int close = text.indexOf('"', eq + 2);
        if (close < 0) {
          throw new PlaylistException("unterminated quoted attribute " + Shown.of(name));
        }
        value = text.substring(eq + 2, close);
        end = close + 1;
      } else {
        end = text.indexOf(',', eq);
        end = end < 0 ? text.length() : end;
        value = text.substring(eq + 1, end).trim();
      }
      values.put(name, value);
      if (end < text.length() && text.charAt(end) != ',') {
        throw new PlaylistException("junk after attribute " + Shown.of(name));
      }
      i = end + 1;
    }
    return new AttributeList(values);
  }

  String get(String name) {
    return values.get(name);
  }

  long number(String name, long max) throws PlaylistException {
    String v = values.get(name);
    if (v == null) {
      return -1;
    }
    try {
      long n = Long.parseLong(v);
      if (n < 0 || n > max) {
        throw new PlaylistException(name + " out of range: " + Shown.of(v));
      }
      return n;
    } catch (NumberFormatException e) {
      throw new PlaylistException(name + " is not a number: " + Shown.of(v));
    }
  }
}
