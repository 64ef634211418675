package org.ownerless.bench.tracker;

/**
 * What the generator needs from one server message, found by a single pass over the top-level
 * keys instead of a JSON parser: which kind it is, and where the raw {@code peer_id},
 * {@code offer_id} and {@code info_hash} values lie. Those values are copied back verbatim (they
 * are already JSON string literals), so nothing is decoded or re-encoded per message. Nested
 * objects (the SDP) are skipped, respecting strings and escapes; anything that is not one
 * well-formed object makes {@link #scan} return false.
 */
final class ServerMessage {
  private static final byte[] ACTION = Json.ascii("action");
  private static final byte[] FAILURE = Json.ascii("failure reason");
  private static final byte[] INTERVAL = Json.ascii("interval");
  private static final byte[] COMPLETE = Json.ascii("complete");
  private static final byte[] INCOMPLETE = Json.ascii("incomplete");
  private static final byte[] OFFER = Json.ascii("offer");
  private static final byte[] ANSWER = Json.ascii("answer");
  private static final byte[] PEER_ID = Json.ascii("peer_id");
  private static final byte[] OFFER_ID = Json.ascii("offer_id");
  private static final byte[] INFO_HASH = Json.ascii("info_hash");
  private static final byte[] ANNOUNCE_VALUE = Json.ascii("\"announce\"");
  private static final byte[] SCRAPE_VALUE = Json.ascii("\"scrape\"");

  byte[] bytes;
  boolean failure, offer, answer, replyFields, announce, scrape;
  /** Start and end (exclusive) of each raw value, quotes included; start -1 when absent or not a string. */
  int peerIdStart, peerIdEnd, offerIdStart, offerIdEnd, infoHashStart, infoHashEnd;
  private int pos, end;

  /** Reads one message from bytes[from, to); reusable: every field is reset first. */
  boolean scan(byte[] bytes, int from, int to) {
    this.bytes = bytes;
    pos = from;
    end = to;
    failure = offer = answer = replyFields = announce = scrape = false;
    peerIdStart = offerIdStart = infoHashStart = -1;
    try {
      skipSpace();
      if (next() != '{') return false;
      skipSpace();
      if (peek() == '}') return true;
      while (true) {
        if (peek() != '"') return false;
        int keyStart = pos + 1;
        skipString();
        int keyEnd = pos - 1;
        skipSpace();
        if (next() != ':') return false;
        skipSpace();
        int valueStart = pos;
        skipValue();
        note(keyStart, keyEnd, valueStart, pos);
        skipSpace();
        byte b = next();
        if (b == '}') return true;
        if (b != ',') return false;
        skipSpace();
      }
    } catch (ArrayIndexOutOfBoundsException truncated) {
      return false;
    }
  }

  private void note(int keyStart, int keyEnd, int valueStart, int valueEnd) {
    boolean string = bytes[valueStart] == '"';
    if (is(keyStart, keyEnd, ACTION)) {
      announce = is(valueStart, valueEnd, ANNOUNCE_VALUE);
      scrape = is(valueStart, valueEnd, SCRAPE_VALUE);
    } else if (is(keyStart, keyEnd, FAILURE)) {
      failure = true;
    } else if (is(keyStart, keyEnd, INTERVAL) || is(keyStart, keyEnd, COMPLETE) || is(keyStart, keyEnd, INCOMPLETE)) {
      replyFields = true;
    } else if (is(keyStart, keyEnd, OFFER)) {
      offer = true;
    } else if (is(keyStart, keyEnd, ANSWER)) {
      answer = true;
    } else if (string && is(keyStart, keyEnd, PEER_ID)) {
      peerIdStart = valueStart;
      peerIdEnd = valueEnd;
    } else if (string && is(keyStart, keyEnd, OFFER_ID)) {
      offerIdStart = valueStart;
      offerIdEnd = valueEnd;
    } else if (string && is(keyStart, keyEnd, INFO_HASH)) {
      infoHashStart = valueStart;
      infoHashEnd = valueEnd;
    }
  }

  private boolean is(int from, int to, byte[] expected) {
    if (to - from != expected.length) return false;
    for (int i = 0; i < expected.length; i++) if (bytes[from + i] != expected[i]) return false;
    return true;
  }

  private void skipValue() {
    byte b = peek();
    if (b == '"') {
      skipString();
    } else if (b == '{' || b == '[') {
      int depth = 0;
      do {
        b = peek();
        if (b == '"') {
          skipString();
          continue;
        }
        if (b == '{' || b == '[') depth++;
        else if (b == '}' || b == ']') depth--;
        pos++;
      } while (depth > 0);
    } else { // number, true, false, null
      while (pos < end && (b = bytes[pos]) != ',' && b != '}' && b != ']' && b > ' ') pos++;
      if (pos == end) throw new ArrayIndexOutOfBoundsException("truncated");
    }
  }

  /** From an opening quote to just past the closing one. */
  private void skipString() {
    pos++;
    while (true) {
      byte b = next();
      if (b == '"') return;
      if (b == '\\') next();
    }
  }

  private void skipSpace() {
    while (pos < end && (bytes[pos] == ' ' || bytes[pos] == '\n' || bytes[pos] == '\r' || bytes[pos] == '\t')) pos++;
  }

  private byte peek() {
    if (pos >= end) throw new ArrayIndexOutOfBoundsException("truncated");
    return bytes[pos];
  }

  private byte next() {
    byte b = peek();
    pos++;
    return b;
  }
}
