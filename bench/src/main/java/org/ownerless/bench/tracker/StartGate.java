package org.ownerless.bench.tracker;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Holds every simulated peer's first announce until all connections are up (or have failed). The
 * measured window then sees the steady state at N peers, not a server that is accepting thousands
 * of handshakes while relaying for the peers already in; both servers get the same treatment.
 */
final class StartGate {
  private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
  private volatile boolean open;

  /** Runs {@code start} now if the gate is open, else when it opens (on the opening thread). */
  void whenOpen(Runnable start) {
    if (open) {
      start.run();
      return;
    }
    waiting.add(start);
    if (open) drain(); // opened while we were adding
  }

  void open() {
    open = true;
    drain();
  }

  boolean isOpen() {
    return open;
  }

  private void drain() {
    for (Runnable r; (r = waiting.poll()) != null; ) r.run();
  }
}
