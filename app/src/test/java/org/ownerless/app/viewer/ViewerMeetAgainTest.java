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
 * Two viewers whose first WebRTC negotiation fails meet anyway, well before the tracker's next
 * announce interval (120 s): a viewer with no peer in a swarm of others announces again after 10 s
 * (player/lonely-reannounce.js). The second viewer's first connections are made to fail the way a
 * lost or late answer does: setting the remote description (the other side's answer) is refused.
 */
@Tag("e2e")
class ViewerMeetAgainTest {
  /** Offers the engine's tracker client makes per announce (bittorrent-tracker's WebSocket client). */
  private static final int OFFERS_PER_ANNOUNCE = 5;

  /** The page's first OFFERS_PER_ANNOUNCE peer connections cannot take the other side's answer. */
  private static final String FIRST_NEGOTIATIONS_FAIL = """
      (() => {
        const Real = window.RTCPeerConnection;
        let made = 0;
        window.__failedNegotiations = 0;
        window.RTCPeerConnection = function (...args) {
          const pc = new Real(...args);
          if (made++ < %d) {
            pc.setRemoteDescription = () => {
              window.__failedNegotiations++;
              return Promise.reject(new Error('test: this negotiation fails'));
            };
          }
          return pc;
        };
        window.RTCPeerConnection.prototype = Real.prototype;
      })();
      """.formatted(OFFERS_PER_ANNOUNCE);

  @TempDir Path data;

  @Test
  void viewersWhoseFirstNegotiationFailedMeetWithinAMinute() throws Exception {
    try (LiveNode live = LiveNode.start(data, "src", LatencyMode.NORMAL, TipTargets.NONE, 150);
        Chromium chromium = new Chromium()) {
      live.awaitSegments("src", 3, Duration.ofSeconds(40));
      Page first = chromium.open(live.watchUrl());
      Await.until(first, Duration.ofSeconds(60), "the first viewer playing", s -> s.state().equals("playing"));
      Page second = chromium.newViewer();
      second.addInitScript(FIRST_NEGOTIATIONS_FAIL);
      second.navigate(live.watchUrl());
      long start = System.nanoTime();
      // The first viewer answers the second's first offers; those answers are refused.
      Await.until(second, Duration.ofSeconds(40), "its first negotiation failed",
          s -> ((Number) second.evaluate("() => window.__failedNegotiations")).intValue() > 0);
      ViewerStats met = Await.until(second, Duration.ofSeconds(50), "a peer after the failed negotiation",
          s -> s.peers() >= 1);
      long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
      System.out.printf("meet again: %d negotiations refused, met a peer %d s after opening; %s%n",
          ((Number) second.evaluate("() => window.__failedNegotiations")).intValue(), seconds, met);
      assertThat(ViewerStats.of(first).peers()).as("the first viewer's peers").isGreaterThanOrEqualTo(1);
    }
  }
}
