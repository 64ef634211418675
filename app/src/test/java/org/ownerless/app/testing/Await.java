package org.ownerless.app.testing;

import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Polls a viewer's stats until a condition holds; fails with the last stats, events and console seen. Polls on
 * the caller's thread: Playwright's objects belong to the thread that made them.
 */
public final class Await {
  private Await() {}

  public static ViewerStats until(Page page, Duration timeout, String what, Predicate<ViewerStats> condition) {
    return until(page, timeout, what, condition, s -> false);
  }

  /**
   * As {@link #until(Page, Duration, String, Predicate)}, but never passing through an error state
   * ({@link ViewerStats#inError()}): a fault the viewer should ride out fails the test the moment it shows.
   */
  public static ViewerStats withoutErrorUntil(Page page, Duration timeout, String what,
      Predicate<ViewerStats> condition) {
    return until(page, timeout, what + " without an error state", condition, ViewerStats::inError);
  }

  private static ViewerStats until(Page page, Duration timeout, String what, Predicate<ViewerStats> condition,
      Predicate<ViewerStats> failure) {
    AtomicReference<ViewerStats> last = new AtomicReference<>();
    try {
      return await(what).atMost(timeout).pollInSameThread().pollInterval(Duration.ofMillis(250))
          .failFast(() -> last.get() != null && failure.test(last.get()))
          .until(() -> { last.set(ViewerStats.of(page)); return last.get(); }, condition::test);
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      Object events = page.evaluate(
          "() => window.ownerless && window.ownerless.events ? window.ownerless.events() : []");
      throw new AssertionError("viewer never reached: " + what + "\nlast stats: " + last.get() + "\nevents: "
          + events + "\nconsole:\n  " + String.join("\n  ", Chromium.console(page)), e);
    }
  }
}
