package org.ownerless.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Viewers at the same distance behind live take turns at HTTP (player/http-turn.js): each new segment is
 * fetched from the origin by one of them and taken from that peer by the others. With 2 s segments every
 * `low` viewer plays exactly two segments behind (its minimum), so all three reach each new segment at
 * the same moment: without turns each fetched it over HTTP itself and peers carried almost nothing.
 */
@Tag("e2e")
class ViewerHttpTurnsTest {
  private static final int VIEWERS = 3;
  private static final int SEGMENTS_MEASURED = 8;

  @TempDir Path data;

  @Test
  void viewersAtOneDistanceFetchEachNewSegmentOverHttpAboutOnce() throws Exception {
    try (LiveNode live = LiveNode.start(data, "src", LatencyMode.LOW, TipTargets.NONE, 150);
        Chromium chromium = new Chromium()) {
      live.awaitSegments("src", 3, Duration.ofSeconds(40));
      List<Page> viewers = new ArrayList<>();
      for (int i = 0; i < VIEWERS; i++) viewers.add(chromium.open(live.watchUrl()));
      List<ViewerStats> before = new ArrayList<>();
      // Past start-up, when a viewer fetches whatever it needs at once (STARTUP_SECONDS in delivery.js).
      for (Page v : viewers) {
        before.add(Await.until(v, Duration.ofSeconds(60), "playing with its peers, past start-up",
            s -> s.state().equals("playing") && s.peers() >= VIEWERS - 1 && s.verifiedSegments() >= 7));
      }
      long http = 0;
      long p2p = 0;
      for (int i = 0; i < VIEWERS; i++) {
        long from = before.get(i).verifiedSegments();
        ViewerStats after = Await.until(viewers.get(i), Duration.ofSeconds(90), SEGMENTS_MEASURED + " more segments",
            s -> s.verifiedSegments() >= from + SEGMENTS_MEASURED);
        assertThat(after.rejectedSegments()).as("rejections on an honest swarm").isZero();
        http += after.httpBytes() - before.get(i).httpBytes();
        p2p += after.p2pBytes() - before.get(i).p2pBytes();
      }
      // One HTTP fetch per segment would put 2/3 of the bytes on peers; every viewer fetching for itself, 0.
      double p2pShare = (double) p2p / (http + p2p);
      StringBuilder why = new StringBuilder();
      for (Page v : viewers) {
        why.append("\n  ").append(v.evaluate(
            "() => JSON.stringify({http: window.ownerless.stats().httpFetches, p2p: window.ownerless.stats().p2pTries})"));
      }
      System.out.printf("peers carried %.2f of the segment bytes (%d over HTTP, %d from peers):%s%n", p2pShare, http,
          p2p, why);
      assertThat(p2pShare).as("share of the segment bytes that came from peers (%d over HTTP, %d from peers); "
          + "each viewer's HTTP fetches by reason and peer downloads by outcome:%s", http, p2p, why)
          .isGreaterThanOrEqualTo(0.4);
    }
  }
}
