package org.ownerless.origin.http;

import java.util.Optional;

/**
 * The blocking-reload query of a manifest request ({@code manifest.json?_HLS_msn=N[&_HLS_part=P]}, named
 * after LL-HLS's playlist query): "answer once segment N is in the log" or, with a part, "once part P of
 * segment N is listed". A query that is not exactly that (a bad number, a part without a segment) is no
 * blocking query: the request is answered like a plain GET, as a server that ignores the query would.
 *
 * @param msn the segment index (leaf) the client waits for
 * @param part the part of segment {@code msn} it waits for, or -1 for the whole segment
 */
record BlockingQuery(long msn, int part) {
  static final String MSN = "_HLS_msn";
  static final String PART = "_HLS_part";

  /** The blocking query in a raw request target, if it carries a well-formed one. */
  static Optional<BlockingQuery> parse(String uri) {
    int q = uri.indexOf('?');
    if (q < 0) {
      return Optional.empty();
    }
    long msn = -1;
    long part = -1;
    for (String pair : uri.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      if (name.equals(MSN)) {
        msn = number(value);
        if (msn < 0) {
          return Optional.empty();
        }
      } else if (name.equals(PART)) {
        part = number(value);
        if (part < 0 || part > Integer.MAX_VALUE) {
          return Optional.empty();
        }
      }
    }
    return msn < 0 ? Optional.empty() : Optional.of(new BlockingQuery(msn, (int) part));
  }

  /** A plain decimal integer of at most 15 digits (well inside JSON's safe range), else -1. */
  private static long number(String s) {
    if (s.isEmpty() || s.length() > 15) {
      return -1;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return -1;
      }
    }
    return Long.parseLong(s);
  }
}
