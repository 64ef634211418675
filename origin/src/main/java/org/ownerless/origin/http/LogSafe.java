package org.ownerless.origin.http;

/**
 * Makes client-controlled text safe for a log line: control characters (CR/LF could forge log
 * entries, ESC could drive a terminal) become '?', and the length is capped.
 */
final class LogSafe {
  private static final int MAX = 200;

  private LogSafe() {}

  static String printable(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(Math.min(s.length(), MAX + 3));
    for (int i = 0; i < s.length() && i < MAX; i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || (c >= 0x7f && c < 0xa0) ? '?' : c);
    }
    return s.length() > MAX ? b.append("...").toString() : b.toString();
  }
}
