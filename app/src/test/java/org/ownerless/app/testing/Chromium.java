package org.ownerless.app.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The machine's Chromium (Debian package), driven by Playwright's bundled driver without downloading
 * a browser. Each {@link #newViewer} is a separate browser process, as separate viewers would be.
 */
public final class Chromium implements AutoCloseable {
  public static final Path EXECUTABLE =
      Path.of(System.getenv().getOrDefault("OWNERLESS_CHROMIUM", "/usr/bin/chromium"));
  private static final Map<Page, List<String>> CONSOLES = new ConcurrentHashMap<>();
  private final Playwright playwright;
  private final List<Browser> browsers = new ArrayList<>();

  public Chromium() {
    if (!Files.isExecutable(EXECUTABLE)) {
      throw new IllegalStateException(EXECUTABLE + " is missing: apt-get install -y chromium (scripts/install-deps.sh)");
    }
    playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
  }

  /** A fresh browser process with its own profile, showing nothing, on loopback only. */
  public Page newViewer() {
    return newViewer(List.of());
  }

  /** As {@link #newViewer()}, with more Chromium switches (e.g. host-resolver rules). */
  public Page newViewer(List<String> extraArgs) {
    List<String> args = new ArrayList<>(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--autoplay-policy=no-user-gesture-required",
            // Loopback ICE candidates: WebRTC between two browser processes on this machine.
            "--allow-loopback-in-peer-connection",
            // Plain host candidates instead of mDNS names, which need a responder this machine may lack.
            "--disable-features=WebRtcHideLocalIpsWithMdns"));
    args.addAll(extraArgs);
    Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(EXECUTABLE).setHeadless(true).setArgs(args));
    browsers.add(browser);
    Page page = browser.newContext().newPage();
    // The page's console, kept short, for failure messages (see Await).
    List<String> console = new CopyOnWriteArrayList<>();
    page.onConsoleMessage(m -> {
      console.add(m.type() + ": " + m.text());
      if (console.size() > 40) {
        console.remove(0);
      }
    });
    page.onPageError(e -> console.add("pageerror: " + e));
    CONSOLES.put(page, console);
    return page;
  }

  /** A new viewer ({@link #newViewer()}) that has navigated to {@code url}. */
  public Page open(String url) {
    Page page = newViewer();
    page.navigate(url);
    return page;
  }

  /** The last console lines and page errors of a page opened here. */
  public static List<String> console(Page page) {
    return CONSOLES.getOrDefault(page, List.of());
  }

  @Override
  public void close() {
    for (Browser b : browsers) {
      try {
        b.close();
      } catch (RuntimeException e) {
        // already gone
      }
    }
    playwright.close();
  }
}
