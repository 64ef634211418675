package org.ownerless.app.relay;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The machine's Chromium, through Playwright, opening a relay's watch page and reading its stats hook. */
final class RelayBrowser implements AutoCloseable {
  static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("OWNERLESS_CHROMIUM", "/usr/bin/chromium"));
  private final Playwright playwright;
  private final Browser browser;

  RelayBrowser() {
    if (!Files.isExecutable(EXECUTABLE)) {
      throw new IllegalStateException(EXECUTABLE + " is missing: apt-get install -y chromium (scripts/install-deps.sh)");
    }
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE)
        .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--autoplay-policy=no-user-gesture-required")));
  }

  Page open(String url) {
    Page page = browser.newContext().newPage();
    page.navigate(url);
    return page;
  }

  /** window.ownerless.stats() once the condition holds; fails with the last stats seen. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> await(Page page, Duration timeout, String what, Predicate<Map<String, Object>> condition)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    Map<String, Object> last = null;
    while (System.nanoTime() < end) {
      last = (Map<String, Object>) page.evaluate("() => window.ownerless ? window.ownerless.stats() : {state: 'no-hook'}");
      if (condition.test(last)) {
        return last;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("viewer never reached " + what + "; last stats " + last + "; events "
        + page.evaluate("() => window.ownerless && window.ownerless.events ? window.ownerless.events() : []"));
  }

  static long number(Map<String, Object> stats, String key) {
    return stats.get(key) instanceof Number n ? n.longValue() : 0;
  }

  @Override
  public void close() {
    try {
      browser.close();
    } finally {
      playwright.close();
    }
  }
}
