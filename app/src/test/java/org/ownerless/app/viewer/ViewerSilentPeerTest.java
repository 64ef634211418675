package org.ownerless.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * A peer that announces every segment it has and then never sends one costs its victims time, not
 * playback. It plays ahead of them (in `low`), so for each new segment it is a peer that has it, and
 * viewers taking turns at HTTP (player/http-turn.js) wait for peers; the urgent margin, the engine's
 * timeout on a peer that sends nothing and the rule that a segment a peer failed goes to HTTP at once
 * must keep every honest viewer playing without a stall as long as a segment.
 */
@Tag("e2e")
class ViewerSilentPeerTest {
  private static final double SEGMENT_SECONDS = 2.0;
  private static final double MEASURED_SECONDS = 20;

  @TempDir Path data;

  @Test
  void aPeerThatAnnouncesSegmentsAndNeverSendsThemDoesNotStallItsPeers() throws Exception {
    try (LiveNode live = LiveNode.start(data, "src", LatencyMode.NORMAL, TipTargets.NONE, 150);
        Chromium chromium = new Chromium()) {
      live.awaitSegments("src", 3, Duration.ofSeconds(40));
      Page liar = chromium.newViewer();
      liar.addInitScript(PeerTampering.WITHHOLD_UPLOADS);
      liar.navigate(live.watchUrl() + "?latency=low");
      Await.until(liar, Duration.ofSeconds(60), "the silent peer playing", s -> s.state().equals("playing"));
      List<Page> honest = List.of(chromium.newViewer(), chromium.newViewer());
      for (Page v : honest) {
        v.addInitScript(ViewerFailoverTest.STALL_RECORDER);
        v.navigate(live.watchUrl());
      }
      // Past start-up (10 s, when a viewer fetches whatever it needs at once) and meeting both peers.
      for (Page v : honest) {
        Await.until(v, Duration.ofSeconds(60), "playing with both peers, past start-up",
            s -> s.state().equals("playing") && s.peers() >= 2 && s.currentTime() > 12);
      }
      long withheldBefore = withheld(liar);
      double[] from = new double[honest.size()];
      double[] fromPlayed = new double[honest.size()];
      for (int i = 0; i < honest.size(); i++) {
        from[i] = pageNow(honest.get(i));
        fromPlayed[i] = ViewerStats.of(honest.get(i)).currentTime();
      }
      for (int i = 0; i < honest.size(); i++) {
        Page v = honest.get(i);
        double played = fromPlayed[i];
        ViewerStats after = Await.until(v, Duration.ofSeconds(90), MEASURED_SECONDS + " s more playback",
            s -> s.currentTime() >= played + MEASURED_SECONDS);
        assertThat(after.rejectedSegments()).as("rejections (the silent peer sends nothing to refuse)").isZero();
        double stalledMs = ((Number) v.evaluate("from => window.__stalls"
            + ".filter(([a, b]) => b > from).reduce((sum, [a, b]) => sum + (b - Math.max(a, from)), 0)"
            + " + (window.__stallStart != null ? performance.now() - Math.max(window.__stallStart, from) : 0)",
            from[i])).doubleValue();
        Object tries = v.evaluate("() => JSON.stringify({tries: window.ownerless.stats().p2pTries,"
            + " http: window.ownerless.stats().httpFetches})");
        System.out.printf("silent peer: viewer %d stalled %.0f ms over %.0f s of playback; %s%n", i, stalledMs,
            MEASURED_SECONDS, tries);
        assertThat(stalledMs).as("stall while a peer withheld segments (%s)", tries)
            .isLessThan(SEGMENT_SECONDS * 1000);
      }
      assertThat(withheld(liar) - withheldBefore).as("segments the silent peer was asked for and withheld meanwhile")
          .isPositive();
    }
  }

  private static long withheld(Page liar) {
    return ((Number) liar.evaluate("() => window.__withheldSegments")).longValue();
  }

  private static double pageNow(Page page) {
    return ((Number) page.evaluate("() => performance.now()")).doubleValue();
  }
}
