package org.ownerless.tracker;

/**
 * One client message as {@link RequestParser} found it. Reused for every message of an event-loop
 * thread (no allocation per message); offers and answers are positions in {@link #source}, so
 * they are forwarded as the client wrote them. Ids are checked for validity only after the whole
 * message is read, in the order the failure reasons have always been reported.
 */
final class TrackerRequest {
  static final String ANNOUNCE = "announce";
  static final String SCRAPE = "scrape";
  /** A scrape may name this many swarms; more would let one message make the server walk them all. */
  static final int MAX_SCRAPE = 64;

  enum Event { NONE, STARTED, UPDATE, COMPLETED, STOPPED, OTHER }

  /** The message bytes (a per-thread copy of the frame's payload). */
  byte[] source;
  String action;
  /** Whether info_hash was present; {@link #infoHashes} holds {@link #infoHashCount} entries, null = invalid. */
  boolean hasInfoHash;
  final WireId[] infoHashes = new WireId[MAX_SCRAPE];
  int infoHashCount;
  /** Null when absent or not a valid id (the reply is the same "invalid peer_id"). */
  WireId peerId;
  int numwant;
  Event event;
  long left;
  /** Whether the message carried "left": answers do not, and must not change the answerer's state. */
  boolean hasLeft;

  /** Valid offers: ids as packed (high, middle, low) triples, the offer objects as source ranges. */
  final int maxOffers;
  final long[] offerIds;
  final int[] offerStart;
  final int[] offerEnd;
  int offerCount;
  boolean badOffers;

  int answerStart;
  int answerEnd;
  WireId toPeerId;
  boolean offerIdValid;
  long offerIdHigh;
  long offerIdMiddle;
  int offerIdLow;

  TrackerRequest(int maxOffers) {
    this.maxOffers = maxOffers;
    this.offerIds = new long[3 * maxOffers];
    this.offerStart = new int[maxOffers];
    this.offerEnd = new int[maxOffers];
  }

  void clear(byte[] source) {
    this.source = source;
    action = null;
    hasInfoHash = false;
    infoHashCount = 0;
    peerId = null;
    numwant = 50;
    event = Event.NONE;
    left = 1;
    hasLeft = false;
    offerCount = 0;
    badOffers = false;
    answerStart = -1;
    answerEnd = -1;
    toPeerId = null;
    offerIdValid = false;
  }

  boolean isScrape() {
    return SCRAPE.equals(action);
  }

  boolean hasAnswer() {
    return answerStart >= 0;
  }

  WireId infoHash() {
    return infoHashes[0];
  }

  long offerIdHigh(int i) {
    return offerIds[3 * i];
  }

  long offerIdMiddle(int i) {
    return offerIds[3 * i + 1];
  }

  int offerIdLow(int i) {
    return (int) offerIds[3 * i + 2];
  }
}
