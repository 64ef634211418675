package org.ownerless.app.relay;

import java.time.Duration;
import java.util.function.Supplier;

/** Condition waits for relay tests: poll briefly instead of sleeping a fixed time. */
final class Waits {
  private Waits() {}

  interface Check {
    boolean holds() throws Exception;
  }

  static void until(Duration timeout, Supplier<String> what, Check condition) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what.get());
      }
      Thread.sleep(50);
    }
  }

  static long treeSize(org.ownerless.app.relay.Relay relay, String rendition) {
    var root = relay.mirror().published().get(rendition);
    return root == null ? 0 : root.treeSize();
  }
}
