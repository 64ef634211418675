package org.ownerless.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.testing.PeerTampering;
import org.ownerless.app.testing.Await;
import org.ownerless.app.testing.Chromium;
import org.ownerless.app.testing.LiveNode;
import org.ownerless.app.testing.ViewerStats;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.TipTargets;

/**
 * Viewers in separate Chromium processes meet through the node's tracker and share segments over
 * WebRTC; a peer that corrupts what it sends is caught by every receiver and costs no playback.
 */
@Tag("e2e")
class ViewerP2pTest {
  @TempDir Path data;


  @Test
  void viewersShareSegmentsAndAPeerThatCorruptsThemIsCaught() throws Exception {
    try (LiveNode live = LiveNode.start(data, "src", LatencyMode.NORMAL, TipTargets.NONE, 150);
        Chromium chromium = new Chromium()) {
      live.awaitSegments("src", 3, Duration.ofSeconds(40));
      // A viewer in low-latency mode is a few seconds ahead of one in normal mode: what the second
      // needs next, the first already has.
      Page ahead = chromium.open(live.watchUrl() + "?latency=low");
      Await.until(ahead, Duration.ofSeconds(60), "playing", s -> s.state().equals("playing"));
      Page behind = chromium.open(live.watchUrl());
      Await.until(behind, Duration.ofSeconds(90), "bytes from a peer", s -> s.p2pBytes() > 0);
      assertThat(ViewerStats.of(ahead).rejectedSegments()).as("rejections on an honest swarm").isZero();
      assertThat(ViewerStats.of(behind).rejectedSegments()).as("rejections on an honest swarm").isZero();
      ahead.context().browser().close();

      // Now the only viewer ahead corrupts every segment it uploads; a newcomer behind it refuses them
      // and keeps playing from HTTP.
      Page liar = chromium.newViewer();
      liar.addInitScript(PeerTampering.CORRUPT_UPLOADS);
      liar.navigate(live.watchUrl() + "?latency=low");
      Await.until(liar, Duration.ofSeconds(60), "liar playing", s -> s.state().equals("playing"));
      Page victim = chromium.open(live.watchUrl());
      ViewerStats hit = Await.until(victim, Duration.ofSeconds(90), "a corrupted segment refused",
          s -> s.rejectedSegments() > 0);
      Await.until(victim, Duration.ofSeconds(30), "playback continuing after the attack",
          s -> s.state().equals("playing") && s.currentTime() > hit.currentTime() + 4
              && s.verifiedSegments() > hit.verifiedSegments());
      assertThat(victim.evaluate("() => window.ownerless.stats().rejections.map(r => r.source + ' ' + r.problem)"))
          .asString().contains("p2p SEGMENT_MISMATCH");
      Object corrupted = liar.evaluate("() => window.__corruptedUploads || 0");
      assertThat(((Number) corrupted).intValue()).as("the liar really sent altered bytes").isPositive();
    }
  }
}
