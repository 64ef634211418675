package org.ownerless.app.testing;

import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Polls a viewer's stats until a condition holds; fails with the last stats, events and console seen. Polls on
 * the caller's thread: Playwright's objects belong to the thread that made them.
 */
public final class Await {
  private Await() {}

  public static ViewerStats until(Page page, Duration timeout, String what, Predicate<ViewerStats> condition) {
    AtomicReference<ViewerStats> last = new AtomicReference<>();
    try {
      return await(what).atMost(timeout).pollInSameThread().pollInterval(Duration.ofMillis(250))
          .until(() -> { last.set(ViewerStats.of(page)); return last.get(); }, condition::test);
    } catch (ConditionTimeoutException e) {
      Object events = page.evaluate(
          "() => window.ownerless && window.ownerless.events ? window.ownerless.events() : []");
      throw new AssertionError("viewer never reached: " + what + "\nlast stats: " + last.get() + "\nevents: "
          + events + "\nconsole:\n  " + String.join("\n  ", Chromium.console(page)), e);
    }
  }
}
