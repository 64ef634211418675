package org.ownerless.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.testing.Await;
import org.ownerless.app.testing.Chromium;
import org.ownerless.app.testing.LiveNode;
import org.ownerless.app.testing.PeerTampering;
import org.ownerless.app.testing.ViewerStats;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.TipTargets;

/**
 * A peer that declares (and sends) 1 MiB more than a segment's signed size is cut off at the
 * declaration: the receiver never takes the oversize body in, so it never even reaches verification.
 */
@Tag("e2e")
class ViewerPeerSizeTest {
  @TempDir Path data;

  @Test
  void aPeerDeclaringMoreThanTheSignedSizeIsCutOffBeforeItsBytesAreTakenIn() throws Exception {
    try (LiveNode live = LiveNode.start(data, "src", LatencyMode.NORMAL, TipTargets.NONE, 150);
        Chromium chromium = new Chromium()) {
      live.awaitSegments("src", 3, Duration.ofSeconds(40));
      // The liar plays in low-latency mode, ahead of the victim: what the victim needs, it has.
      Page liar = chromium.newViewer();
      liar.addInitScript(PeerTampering.INFLATE_DECLARED_SIZE);
      liar.navigate(live.watchUrl() + "?latency=low");
      Await.until(liar, Duration.ofSeconds(60), "liar playing", s -> s.state().equals("playing"));
      Page victim = chromium.open(live.watchUrl());
      await("the liar declared an inflated size to a peer").atMost(Duration.ofSeconds(90)).pollInSameThread()
          .pollInterval(Duration.ofMillis(250))
          .until(() -> ((Number) liar.evaluate("() => window.__inflatedDeclarations")).intValue() > 0);
      ViewerStats before = ViewerStats.of(victim);
      Await.until(victim, Duration.ofSeconds(30), "the victim playing on",
          s -> s.state().equals("playing") && s.currentTime() > before.currentTime() + 4);
      // Without the bound the victim would take in signed + 1 MiB and refuse it at verification.
      assertThat(victim.evaluate("() => window.ownerless.stats().rejections.map(r => r.source + ' ' + r.problem)"))
          .asString().doesNotContain("p2p");
    }
  }
}
