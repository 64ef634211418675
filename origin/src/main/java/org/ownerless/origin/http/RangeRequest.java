package org.ownerless.origin.http;

import java.util.Locale;

/**
 * What a {@code Range} header asks of a file of known size (RFC 9110 §14).
 *
 * <p>Only a single byte range is honoured. Several ranges would need a multipart/byteranges body that
 * no HLS player asks for, and RFC 9110 lets a server ignore Range, so those get the whole file.
 * A syntactically invalid header is likewise ignored.
 */
sealed interface RangeRequest {

  /** Serve the whole file with 200. */
  record Whole() implements RangeRequest {}

  /** Serve bytes first..last (inclusive) with 206. */
  record Part(long first, long last) implements RangeRequest {
    long length() {
      return last - first + 1;
    }
  }

  /** Answer 416 with {@code Content-Range: bytes *}{@code /size}. */
  record Unsatisfiable() implements RangeRequest {}

  static RangeRequest parse(String header, long size) {
    if (header == null) {
      return new Whole();
    }
    String h = header.trim();
    if (!h.toLowerCase(Locale.ROOT).startsWith("bytes=")) {
      return new Whole();
    }
    String spec = h.substring("bytes=".length()).trim();
    if (spec.indexOf(',') >= 0) {
      return new Whole();
    }
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return new Whole();
    }
    String a = spec.substring(0, dash).trim();
    String b = spec.substring(dash + 1).trim();
    if (a.isEmpty()) { // suffix range: the last n bytes
      long n = digits(b);
      if (n < 0) {
        return new Whole();
      }
      if (n == 0 || size == 0) {
        return new Unsatisfiable();
      }
      return new Part(Math.max(0, size - n), size - 1);
    }
    long first = digits(a);
    long last = b.isEmpty() ? Long.MAX_VALUE : digits(b);
    if (first < 0 || last < 0 || last < first) {
      return new Whole();
    }
    if (first >= size) {
      return new Unsatisfiable();
    }
    return new Part(first, Math.min(last, size - 1));
  }

  /** A non-negative decimal of at most 18 digits (no overflow), or -1. */
  private static long digits(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
