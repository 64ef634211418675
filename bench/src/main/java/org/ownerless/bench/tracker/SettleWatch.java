package org.ownerless.bench.tracker;

/**
 * Tells when the server under an idle load has nothing left in flight: no message has reached the
 * generator and the server process has used next to no CPU for a whole quiet stretch. A live-heap
 * sample taken earlier counts the relays still queued (write tasks, frames, their buffers) and what
 * the busy server allocates between the forced GC and the heap reading, not what the peers retain:
 * at 19,500 peers the first announces' offers and answers take tens of seconds to drain, well after
 * every announce has been replied to.
 */
final class SettleWatch {
  /** Server CPU allowed during a quiet stretch, as a share of one core (an idle sweep, a JIT thread). */
  static final double IDLE_CORE_SHARE = 0.05;
  private final long quietNanos;
  private long stretchStart = -1;
  private long stretchMessages;
  private double stretchCpu;

  SettleWatch(long quietNanos) {
    this.quietNanos = quietNanos;
  }

  /**
   * Feeds one observation (generator's message count, server CPU seconds so far, -1 if unknown);
   * true once a whole quiet stretch has passed without a message or CPU use beyond the idle share.
   */
  boolean observe(long now, long messages, double serverCpuSeconds) {
    if (stretchStart < 0 || messages != stretchMessages || busy(now, serverCpuSeconds)) {
      restart(now, messages, serverCpuSeconds);
      return false;
    }
    return now - stretchStart >= quietNanos;
  }

  /** Starts the quiet stretch again (e.g. bytes were still queued in a socket). */
  void restart(long now, long messages, double serverCpuSeconds) {
    stretchStart = now;
    stretchMessages = messages;
    stretchCpu = serverCpuSeconds;
  }

  private boolean busy(long now, double cpu) {
    if (cpu < 0 || stretchCpu < 0) {
      return false; // no /proc: judge by messages alone
    }
    // The CPU clock ticks in 10 ms steps: allow one tick on top of the idle share.
    return cpu - stretchCpu > (now - stretchStart) / 1e9 * IDLE_CORE_SHARE + 0.01;
  }
}
