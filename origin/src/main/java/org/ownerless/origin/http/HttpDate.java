package org.ownerless.origin.http;

import io.netty.handler.codec.DateFormatter;
import java.util.Date;

/**
 * The Date header value, formatted once per second rather than once per response, and the dates
 * clients send in conditional headers.
 */
final class HttpDate {
  private static volatile Cached cached = new Cached(0, "");

  private record Cached(long second, String text) {}

  private HttpDate() {}

  /** Netty's parser refuses longer input with an exception rather than a null. */
  private static final int MAX_PARSED_CHARS = 64;

  /**
   * An {@code If-Modified-Since} or {@code If-Range} date, or null if it is none: RFC 9110 §13.1.3
   * says to ignore an invalid date, and a longer value than Netty parses is one.
   */
  static Date parse(String value) {
    return value.length() > MAX_PARSED_CHARS ? null : DateFormatter.parseHttpDate(value);
  }

  static String now() {
    long second = System.currentTimeMillis() / 1000;
    Cached c = cached;
    if (c.second() != second) {
      c = new Cached(second, DateFormatter.format(new Date(second * 1000)));
      cached = c;
    }
    return c.text();
  }
}
