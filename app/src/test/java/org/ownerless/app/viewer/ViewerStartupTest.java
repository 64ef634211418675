package org.ownerless.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.testing.Await;
import org.ownerless.app.testing.Chromium;
import org.ownerless.app.testing.LiveNode;
import org.ownerless.app.testing.ViewerStats;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.TipTargets;

/**
 * What the page starts before the player's code has loaded (main.js) is what hls.js then uses, in real
 * Chromium: the transmux worker started with the page (player/prestarted-worker.js, taken by hls.js
 * through the build-time patch tools/hls-worker-patch.mjs). hls.js starting its own instead would put a
 * thread's start-up and its script's load back on the path to the first frame (bench/first-frame.sh).
 */
@Tag("e2e")
class ViewerStartupTest {
  @TempDir Path data;

  /** Records the Workers the page starts and when, and when the first signature check starts. */
  private static final String RECORD_STARTUP = """
      window.__startup = { workers: [], startedAt: [], firstVerify: null };
      const NativeWorker = window.Worker;
      window.Worker = class extends NativeWorker {
        constructor(url, ...a) {
          super(url, ...a);
          window.__startup.workers.push(String(url));
          window.__startup.startedAt.push(performance.now());
        }
      };
      const verify = crypto.subtle.verify.bind(crypto.subtle);
      crypto.subtle.verify = (...a) => {
        window.__startup.firstVerify ??= performance.now();
        return verify(...a);
      };
      """;

  @Test
  void hlsJsTransmuxesInTheWorkerThePageStartedAndStartsNoOtherOne() throws Exception {
    try (LiveNode live = LiveNode.start(data, "src", LatencyMode.NORMAL, TipTargets.NONE, 60);
        Chromium chromium = new Chromium()) {
      live.awaitSegments("src", 3, Duration.ofSeconds(40));
      Page page = chromium.newViewer();
      page.addInitScript(RECORD_STARTUP);
      page.navigate(live.watchUrl());
      ViewerStats s = Await.until(page, Duration.ofSeconds(60), "playing with 3 verified segments",
          x -> x.state().equals("playing") && x.verifiedSegments() >= 3 && x.currentTime() > 1);
      assertThat(s.rejectedSegments()).isZero();

      Object startup = page.evaluate("() => window.__startup");
      System.out.println("start-up: " + startup);
      assertThat(page.evaluate("() => window.__startup.workers.length")).as("workers started: " + startup)
          .isEqualTo(1);
      assertThat((String) page.evaluate("() => window.__startup.workers[0]")).endsWith("/hls.worker.js");
      // hls.js starts its own worker only when the first segment has arrived, after the announce and
      // manifest signatures were checked: this one was started by the page, before any check.
      assertThat(page.evaluate("() => window.__startup.startedAt[0] < window.__startup.firstVerify"))
          .as("the worker started before the first signature check: " + startup).isEqualTo(true);
    }
  }
}
