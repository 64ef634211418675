package org.ownerless.app;

/**
 * User-supplied text inside a message, made safe for the one line an error gets: control characters
 * (a newline in a flag value) are escaped so the message stays one line, and a huge value is cut.
 */
public final class UserText {
  /** Longest value quoted in full; longer ones show their start and their length. */
  static final int MAX_QUOTED = 80;
  /** Longest error line; longer ones keep their start and end (the rule is usually at the end). */
  static final int MAX_LINE = 400;

  private UserText() {}

  /** {@code value} in single quotes, escaped and shortened: what error messages show of a user's value. */
  public static String quote(String value) {
    if (value == null) {
      return "(none)";
    }
    String escaped = escape(value);
    if (escaped.length() > MAX_QUOTED) {
      return "'" + escaped.substring(0, MAX_QUOTED) + "…' (" + value.length() + " characters)";
    }
    return "'" + escaped + "'";
  }

  /** One printable line: control characters escaped, the middle of an over-long line cut out. */
  public static String oneLine(String message) {
    String escaped = escape(message == null ? "" : message.strip());
    if (escaped.length() <= MAX_LINE) {
      return escaped;
    }
    int half = MAX_LINE / 2;
    return escaped.substring(0, half) + " … " + escaped.substring(escaped.length() - half);
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
