package org.ownerless.app.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Condition waits: poll briefly instead of sleeping a fixed time; fail with what was awaited. */
public final class Waits {
  private Waits() {}

  /** A condition that may throw while it cannot be evaluated yet. */
  @FunctionalInterface
  public interface Check {
    boolean holds() throws Exception;
  }

  /** Polls {@code condition} until it holds; after {@code timeout}, fails with {@code what} (evaluated then). */
  public static void until(Duration timeout, Supplier<String> what, Check condition) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what.get());
      }
      Thread.sleep(100);
    }
  }
}
