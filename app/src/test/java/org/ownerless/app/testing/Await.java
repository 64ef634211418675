package org.ownerless.app.testing;

import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.function.Predicate;

/** Polls a viewer's stats until a condition holds; fails with the last stats, events and console seen. */
public final class Await {
  private Await() {}

  public static ViewerStats until(Page page, Duration timeout, String what, Predicate<ViewerStats> condition)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    ViewerStats last = null;
    while (System.nanoTime() < end) {
      last = ViewerStats.of(page);
      if (condition.test(last)) {
        return last;
      }
      Thread.sleep(250);
    }
    Object events = page.evaluate("() => window.ownerless && window.ownerless.events ? window.ownerless.events() : []");
    throw new AssertionError("viewer never reached: " + what + "\nlast stats: " + last + "\nevents: " + events
        + "\nconsole:\n  " + String.join("\n  ", Chromium.console(page)));
  }
}
