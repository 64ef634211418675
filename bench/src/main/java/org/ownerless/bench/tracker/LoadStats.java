package org.ownerless.bench.tracker;

import java.util.concurrent.atomic.LongAdder;

/** Counters shared by all simulated peers; LongAdder because every event-loop thread bumps them. */
final class LoadStats {
  final LongAdder messages = new LongAdder();      // every text frame the server sent us
  final LongAdder replies = new LongAdder();       // announce replies (interval/complete/incomplete)
  final LongAdder answerReplies = new LongAdder(); // ...of which replies to answer messages (ours sends them)
  final LongAdder offersIn = new LongAdder();      // offers forwarded to us
  final LongAdder answersIn = new LongAdder();     // answers relayed back to us
  final LongAdder announcesOut = new LongAdder();
  final LongAdder answersOut = new LongAdder();
  final LongAdder connected = new LongAdder();     // handshakes completed (live count: minus closes)
  final LongAdder failureReplies = new LongAdder();
  final LongAdder connectErrors = new LongAdder();
  final LongAdder unexpectedCloses = new LongAdder();
  final LongAdder badMessages = new LongAdder();
  final LongAdder closed = new LongAdder();
  final LongAdder unpairedReplies = new LongAdder(); // replies with no message of ours awaiting one         // handshaken connections that closed since
  /** Swapped for a fresh one when the steady window starts, so the ramp does not skew percentiles. */
  private volatile LatencyHistogram latency = new LatencyHistogram();

  LatencyHistogram latency() {
    return latency;
  }

  void resetLatency() {
    latency = new LatencyHistogram();
  }

  long live() {
    return connected.sum() - closed.sum();
  }

  long errors() {
    return failureReplies.sum() + connectErrors.sum() + unexpectedCloses.sum() + badMessages.sum()
        + unpairedReplies.sum();
  }
}
