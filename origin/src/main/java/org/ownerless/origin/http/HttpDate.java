package org.ownerless.origin.http;

import io.netty.handler.codec.DateFormatter;
import java.util.Date;

/** The Date header value, formatted once per second rather than once per response. */
final class HttpDate {
  private static volatile Cached cached = new Cached(0, "");

  private record Cached(long second, String text) {}

  private HttpDate() {}

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
