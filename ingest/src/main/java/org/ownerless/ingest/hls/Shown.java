package org.ownerless.ingest.hls;

/** Text from another program's files, made safe to put in a log line: printable ASCII, bounded length. */
final class Shown {
  private static final int MAX = 80;

  private Shown() {}

  static String of(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < MAX; i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return s.length() > MAX ? b + "..." : b.toString();
  }
}
