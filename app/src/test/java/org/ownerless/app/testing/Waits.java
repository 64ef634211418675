package org.ownerless.app.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Condition waits on Awaitility whose failure says what was awaited, described when the wait fails (a
 * process's log, a count) rather than when it began. Polls on the caller's thread, as the conditions
 * (Playwright pages, processes' files) expect.
 */
public final class Waits {
  private Waits() {}

  /** A condition that may throw while it cannot be evaluated yet. */
  @FunctionalInterface
  public interface Check {
    boolean holds() throws Exception;
  }

  /** Polls {@code condition} until it holds; after {@code timeout}, fails with {@code what} (evaluated then). */
  public static void until(Duration timeout, Supplier<String> what, Check condition) {
    try {
      await().atMost(timeout).pollInSameThread().pollInterval(Duration.ofMillis(100)).until(condition::holds);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what.get(), e);
    }
  }
}
