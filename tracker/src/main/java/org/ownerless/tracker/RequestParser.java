package org.ownerless.tracker;

import java.nio.charset.StandardCharsets;

/**
 * Reads a tracker message straight from its bytes into a reused {@link TrackerRequest}: one pass,
 * no tree, no Strings for ids, offers and answers kept as byte ranges. The rules (which value types
 * count, what a duplicate key does, which failure wins) are those of the protocol as docs/tracker.md
 * describes it; {@link TrackerException} carries the reply.
 */
final class RequestParser {
  private static final byte[] ANNOUNCE = ascii("announce");
  private static final byte[] SCRAPE = ascii("scrape");
  private static final TrackerRequest.Event[] EVENTS = {TrackerRequest.Event.STOPPED,
      TrackerRequest.Event.UPDATE, TrackerRequest.Event.STARTED, TrackerRequest.Event.COMPLETED};
  private static final byte[][] EVENT_NAMES = {ascii("stopped"), ascii("update"), ascii("started"),
      ascii("completed")};

  private enum Key {
    ACTION("action"), INFO_HASH("info_hash"), PEER_ID("peer_id"), EVENT("event"), TO_PEER_ID("to_peer_id"),
    OFFER_ID("offer_id"), NUMWANT("numwant"), LEFT("left"), ANSWER("answer"), OFFERS("offers"), OFFER("offer"),
    OTHER("");

    final byte[] name;

    Key(String name) {
      this.name = ascii(name);
    }
  }

  private static final Key[] KEYS = Key.values();
  private final JsonScanner in = new JsonScanner();
  private final byte[] id = new byte[WireId.LENGTH];

  /** Parses {@code bytes[start..end)} into {@code r}; throws with the failure reply if it is not acceptable. */
  void parse(byte[] bytes, int start, int end, TrackerRequest r) throws TrackerException {
    r.clear(bytes);
    in.reset(bytes, start, end);
    try {
      int c = in.peek();
      if (c != '{') {
        throw rootNotObject(c);
      }
      readMessage(r);
    } catch (JsonScanner.Malformed e) {
      throw new TrackerException(null, "invalid JSON");
    }
    check(r);
  }

  /** A first token that is a value but not an object is "not an object"; one that is no value is invalid JSON. */
  private TrackerException rootNotObject(int c) {
    if (c != -1 && c != '[' && c != '"') {
      in.skipValue(1); // throws Malformed unless it is a complete number or literal
    }
    return new TrackerException(null, "a message must be a JSON object");
  }

  private void readMessage(TrackerRequest r) throws TrackerException {
    if (in.open('}')) {
      return;
    }
    do {
      Key key = key();
      in.expect(':');
      int c = in.peek();
      switch (key) {
        case ACTION -> r.action = c == '"' ? action() : skip(null);
        case INFO_HASH -> infoHashes(r, c);
        case PEER_ID -> r.peerId = c == '"' ? id() : skip(null);
        case TO_PEER_ID -> r.toPeerId = c == '"' ? id() : skip(null);
        case OFFER_ID -> {
          r.offerIdValid = c == '"' && in.readId(id, 0);
          if (c != '"') {
            in.skipValue(2);
          } else if (r.offerIdValid) {
            r.offerIdHigh = WireId.longAt(id, 0);
            r.offerIdMiddle = WireId.longAt(id, 8);
            r.offerIdLow = (int) WireId.longAt(id, 12);
          }
        }
        case EVENT -> r.event = c == '"' ? event() : skip(TrackerRequest.Event.NONE);
        case NUMWANT -> r.numwant = c == '-' || (c >= '0' && c <= '9') ? numwant() : skip(50);
        case LEFT -> {
          r.hasLeft = c == '-' || (c >= '0' && c <= '9');
          r.left = r.hasLeft ? left() : skip(1L);
        }
        case ANSWER -> {
          if (c == '{') {
            r.answerStart = in.pos;
            in.skipValue(2);
            r.answerEnd = in.pos;
          } else {
            r.answerStart = r.answerEnd = -1;
            in.skipValue(2);
          }
        }
        case OFFERS -> {
          if (c == '[') {
            offers(r);
          } else {
            in.skipValue(2); // not a list: ignored, earlier offers (if any) stand
          }
        }
        default -> in.skipValue(2);
      }
    } while (in.more('}'));
    // Whatever follows the object is not read, as before: one message per frame.
  }

  private Key key() {
    if (in.peek() != '"') {
      throw JsonScanner.malformed();
    }
    byte[] b = in.bytes();
    int start = in.pos + 1;
    if (in.skipString()) {
      byte[] decoded = ascii(decodedKey(start));
      return match(decoded, 0, decoded.length);
    }
    return match(b, start, in.pos - 1 - start);
  }

  /** Keys with escapes ("\u0061ction") are rare: re-read the string decoded. */
  private String decodedKey(int start) {
    int saved = in.pos;
    in.pos = start - 1;
    String s = in.readString();
    in.pos = saved;
    return s;
  }

  private static Key match(byte[] b, int start, int len) {
    for (Key k : KEYS) {
      if (k.name.length == len && java.util.Arrays.equals(b, start, start + len, k.name, 0, len)) {
        return k;
      }
    }
    return Key.OTHER;
  }

  private <T> T skip(T value) {
    in.skipValue(2);
    return value;
  }

  private String action() {
    int saved = in.pos;
    if (in.readExactly(ANNOUNCE)) {
      return TrackerRequest.ANNOUNCE;
    }
    in.pos = saved;
    if (in.readExactly(SCRAPE)) {
      return TrackerRequest.SCRAPE;
    }
    in.pos = saved;
    return in.readString();
  }

  private TrackerRequest.Event event() {
    int saved = in.pos;
    for (int i = 0; i < EVENTS.length; i++) {
      in.pos = saved;
      if (in.readExactly(EVENT_NAMES[i])) {
        return EVENTS[i];
      }
    }
    in.pos = saved;
    String s = in.readString(); // rare: escapes ("\u0073topped" is still "stopped") or another word
    for (int i = 0; i < EVENTS.length; i++) {
      if (s.equals(new String(EVENT_NAMES[i], StandardCharsets.US_ASCII))) {
        return EVENTS[i];
      }
    }
    return TrackerRequest.Event.OTHER;
  }

  /** The string at the cursor as an id, or null if it is not a valid one. */
  private WireId id() {
    return in.readId(id, 0) ? WireId.of(id, 0) : null;
  }

  private void infoHashes(TrackerRequest r, int c) throws TrackerException {
    r.hasInfoHash = true;
    r.infoHashCount = 0;
    if (c != '[') {
      r.infoHashes[r.infoHashCount++] = c == '"' ? id() : skip(null);
      return;
    }
    if (in.open(']')) {
      return;
    }
    do {
      if (r.infoHashCount >= TrackerRequest.MAX_SCRAPE) {
        in.skipValue(3); // the element must still be well-formed JSON for this reason to win
        throw new TrackerException(r.action,
            "too many info_hash values (limit " + TrackerRequest.MAX_SCRAPE + ")");
      }
      r.infoHashes[r.infoHashCount++] = in.peek() == '"' ? id() : skip(null);
    } while (in.more(']'));
  }

  private int numwant() {
    if (in.number() != JsonScanner.NUMBER_INT) {
      return 50;
    }
    long v = in.longValue();
    return (int) Math.max(0, Math.min(v, 1000));
  }

  private long left() {
    if (in.number() == JsonScanner.NUMBER_INT) {
      try {
        return in.longValue();
      } catch (JsonScanner.Malformed tooBig) {
        return (long) in.doubleValue(); // a huge "left" is still a number, saturated
      }
    }
    return (long) in.doubleValue();
  }

  private void offers(TrackerRequest r) throws TrackerException {
    r.offerCount = 0;
    if (in.open(']')) {
      return;
    }
    do {
      if (r.offerCount >= r.maxOffers) {
        throw new TrackerException(TrackerRequest.ANNOUNCE, "too many offers (limit " + r.maxOffers + ")");
      }
      if (in.peek() == '{') {
        offer(r);
      } else {
        r.badOffers = true;
        in.skipValue(3);
      }
    } while (in.more(']'));
  }

  /** {offer:{...}, offer_id:"..."}; adds it to r when both are there and valid, else marks the offers bad. */
  private void offer(TrackerRequest r) {
    boolean idValid = false;
    int start = -1, end = -1;
    int slot = r.offerCount;
    if (!in.open('}')) {
      do {
        Key key = key();
        in.expect(':');
        int c = in.peek();
        if (key == Key.OFFER_ID) {
          idValid = c == '"' && in.readId(id, 0);
          if (c != '"') {
            in.skipValue(4);
          } else if (idValid) {
            r.offerIds[3 * slot] = WireId.longAt(id, 0);
            r.offerIds[3 * slot + 1] = WireId.longAt(id, 8);
            r.offerIds[3 * slot + 2] = WireId.longAt(id, 12) & 0xFFFFFFFFL;
          }
        } else if (key == Key.OFFER && c == '{') {
          start = in.pos;
          in.skipValue(4);
          end = in.pos;
        } else {
          in.skipValue(4);
        }
      } while (in.more('}'));
    }
    if (idValid && start >= 0) {
      r.offerStart[slot] = start;
      r.offerEnd[slot] = end;
      r.offerCount++;
    } else {
      r.badOffers = true;
    }
  }

  /** The checks that need the whole message, in the order clients have always seen their failures. */
  private static void check(TrackerRequest r) throws TrackerException {
    if (!TrackerRequest.ANNOUNCE.equals(r.action) && !TrackerRequest.SCRAPE.equals(r.action)) {
      throw new TrackerException(TrackerRequest.ANNOUNCE, "invalid action");
    }
    for (int i = 0; i < r.infoHashCount; i++) {
      if (r.infoHashes[i] == null) {
        throw new TrackerException(r.action, "invalid info_hash");
      }
    }
    if (r.isScrape()) {
      return;
    }
    if (!r.hasInfoHash || r.infoHashCount != 1) {
      throw new TrackerException(r.action, "invalid info_hash");
    }
    if (r.peerId == null) {
      throw new TrackerException(r.action, "invalid peer_id");
    }
    if (r.badOffers) {
      throw new TrackerException(r.action, "invalid offer");
    }
    if (r.hasAnswer() && (r.toPeerId == null || !r.offerIdValid)) {
      throw new TrackerException(r.action, "invalid answer");
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
