package org.ownerless.net;

/**
 * Renders a string that came from the network (an RTMP app name, a stream key, a request path, an
 * upstream's error) for a log line. Every log statement that includes such a string passes it
 * through here, because a stranger controls it: a raw CR or LF would let an unauthenticated client
 * write a forged line of its own into the log, ESC would drive the reader's terminal, and bidi
 * overrides or invisible format characters would make a line read differently from what it says.
 *
 * <p>The result is always one double-quoted line: such characters become {@code \n}, {@code \r},
 * {@code \t} or {@code \}{@code uXXXX}; backslash and the quote are escaped too, so an attacker who
 * sends a literal backslash-n cannot pass it off as an escaped newline. Anything longer than
 * {@link #MAX_CHARS} is cut and says how long it was, so one log line stays readable and cheap.
 */
public final class LogText {
  /** Characters of the original shown at most; a command or path that matters is far shorter. */
  public static final int MAX_CHARS = 200;
  /**
   * The cap of {@link #detail}: a failure's message names a URL and then what the server did, so it
   * needs room for both before the part that explains it is cut.
   */
  public static final int MAX_DETAIL_CHARS = 1000;

  private LogText() {}

  /** {@code untrusted} quoted, escaped and capped for a log line; {@code (none)} for null. */
  public static String quote(String untrusted) {
    return quote(untrusted, MAX_CHARS);
  }

  /** The value of {@link Object#toString()} of {@code untrusted} (a URI, a name), quoted. */
  public static String quote(Object untrusted) {
    return quote(untrusted == null ? null : untrusted.toString());
  }

  /**
   * A message of ours that embeds network text (an exception's or a fetch failure's message naming
   * what a server sent), escaped like {@link #quote} with the longer {@link #MAX_DETAIL_CHARS} cap.
   */
  public static String detail(String message) {
    return quote(message, MAX_DETAIL_CHARS);
  }

  /**
   * {@code text} (a report line of ours that may carry what a server sent) made safe for a terminal
   * or a line-oriented reader, with its readable characters unchanged: only what breaks, hides or
   * reorders a line is escaped, and no quotes are added. Not capped: a report may carry a whole
   * equivocation proof for the user to copy, and its length is bounded by what was fetched.
   */
  public static String inline(String text) {
    if (text == null) {
      return "(none)";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (unsafe(cp)) {
        escapeUnsafe(out, cp);
      } else {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  private static String quote(String untrusted, int maxChars) {
    if (untrusted == null) {
      return "(none)";
    }
    boolean cut = untrusted.length() > maxChars;
    int end = cut ? maxChars : untrusted.length();
    if (cut && Character.isHighSurrogate(untrusted.charAt(end - 1))) {
      end--; // never split a pair: half of one would be escaped as a lone surrogate
    }
    StringBuilder out = new StringBuilder(end + 16).append('"');
    escapeInto(out, untrusted, end);
    out.append('"');
    if (cut) {
      out.append("… (").append(untrusted.length()).append(" chars)");
    }
    return out.toString();
  }

  private static void escapeInto(StringBuilder out, String s, int end) {
    for (int i = 0; i < end; ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        default -> {
          if (unsafe(cp)) {
            escapeUnsafe(out, cp);
          } else {
            out.appendCodePoint(cp);
          }
        }
      }
    }
  }

  private static void escapeUnsafe(StringBuilder out, int cp) {
    switch (cp) {
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      default -> {
        for (char c : Character.toChars(cp)) {
          out.append(String.format("\\u%04X", (int) c));
        }
      }
    }
  }

  /**
   * C0, DEL and C1 controls (Cc), the Unicode line and paragraph separators (Zl, Zp), format
   * characters (Cf: bidi embeddings, overrides and isolates, zero-width characters, BOM, tags) and
   * lone surrogates: everything that breaks a line or is invisible or reorders text on display.
   */
  private static boolean unsafe(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.FORMAT || type == Character.SURROGATE;
  }
}
