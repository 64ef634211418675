package org.ownerless.origin.http;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition instead of sleeping a fixed time. */
final class Await {
  private Await() {}

  static void until(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
