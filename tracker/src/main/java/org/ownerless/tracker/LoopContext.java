package org.ownerless.tracker;

/**
 * What a tracker needs per event-loop thread to handle messages without allocating: a buffer to
 * copy frames into, the parser and its reused result, the outbox, and the idle sweeper. Only that
 * thread uses it.
 */
final class LoopContext {
  final byte[] scratch;
  final RequestParser parser = new RequestParser();
  final TrackerRequest request;
  final Outbox outbox = new Outbox();
  final IdleSweeper idle;

  LoopContext(TrackerConfig config) {
    this.scratch = new byte[config.maxMessageBytes()];
    this.request = new TrackerRequest(config.maxOffers());
    this.idle = new IdleSweeper(config.idleTimeout().toNanos());
  }
}
