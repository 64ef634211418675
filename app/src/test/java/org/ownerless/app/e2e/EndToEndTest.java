package org.ownerless.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.Main;
import org.ownerless.app.relay.Relay;
import org.ownerless.app.relay.RelayOptions;
import org.ownerless.app.testing.Await;
import org.ownerless.app.testing.Chromium;
import org.ownerless.app.testing.Http;
import org.ownerless.app.testing.LiveNode;
import org.ownerless.app.testing.PeerTampering;
import org.ownerless.app.testing.TamperingOrigin;
import org.ownerless.app.testing.ViewerStats;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.TipTargets;

/**
 * The whole system in one run: RTMP publish → node → relays → Chromium viewers meeting through the
 * node's tracker. Viewers who came through different servers share one swarm; tampering by an
 * origin, by a relay's upstream and by a peer is each refused, and playback goes on.
 */
@Tag("e2e")
class EndToEndTest {
  @TempDir Path data;

  @Test
  void publishRelayWatchShareAndRefuseTamperingEverywhere() throws Exception {
    try (LiveNode live = LiveNode.start(data.resolve("node"), "src", LatencyMode.NORMAL, TipTargets.NONE, 180);
        TamperingOrigin evil = new TamperingOrigin(live.node.publicUrl(),
            (path, bytes) -> path.endsWith(".ts") ? TamperingOrigin.flipped(bytes) : bytes);
        Relay relayA = Relay.start(relay(live, List.of(live.node.publicUrl()), data.resolve("relay-a")));
        // Relay B is told to read from the lying server first: it must refuse it and use the node.
        Relay relayB = Relay.start(relay(live, List.of(evil.url(), live.node.publicUrl()), data.resolve("relay-b")));
        Chromium chromium = new Chromium()) {
      live.awaitSegments("src", 3, Duration.ofSeconds(40));

      // 1. Honest viewers through two different servers: one ahead (low latency) on the node, one
      //    behind (normal) on relay A. The one behind gets segments from the one ahead.
      Page ahead = chromium.open(live.watchUrl() + "?latency=low");
      Await.until(ahead, Duration.ofSeconds(60), "playing on the node", s -> s.state().equals("playing"));
      Page behind = chromium.open(relayA.watchUrl());
      ViewerStats shared = Await.until(behind, Duration.ofSeconds(90), "playing on relay A with bytes from a peer",
          s -> s.state().equals("playing") && s.p2pBytes() > 0 && s.verifiedSegments() >= 3);
      assertThat(shared.rejectedSegments()).isZero();
      assertThat(ViewerStats.of(ahead).rejectedSegments()).isZero();
      ahead.context().browser().close();

      // 2. Tampering everywhere at once: the only viewer ahead now alters what it uploads, and the
      //    newcomer is sent to the lying origin first; its relay (B) was given the liar as upstream.
      Page liar = chromium.newViewer();
      liar.addInitScript(PeerTampering.CORRUPT_UPLOADS);
      liar.navigate(live.watchUrl() + "?latency=low");
      Await.until(liar, Duration.ofSeconds(60), "the lying peer playing", s -> s.state().equals("playing"));
      Page victim = chromium.open(relayB.watchUrl() + "?hint=" + evil.url());
      ViewerStats hit = Await.until(victim, Duration.ofSeconds(90), "tampered bytes from the origin and a peer refused",
          s -> rejectedSources(victim).contains("http SEGMENT_MISMATCH")
              && rejectedSources(victim).contains("p2p SEGMENT_MISMATCH"));
      // Playing (not merely having played: on a starved machine a sample can land in a brief rebuffer)
      // with 6 s more media behind it.
      ViewerStats after = Await.until(victim, Duration.ofSeconds(40), "playback going on after the attacks",
          s -> s.state().equals("playing") && s.currentTime() > hit.currentTime() + 6
              && s.verifiedSegments() > hit.verifiedSegments() + 2);
      assertThat(after.rejectedSegments()).isPositive();
      // The honest viewer behind the liar may have been offered its bytes too: refused, and nothing else.
      String behindRejections = rejectedSources(behind);
      assertThat(behindRejections.isEmpty() ? List.of() : List.of(behindRejections.split(", ")))
          .allMatch(r -> r.equals("p2p SEGMENT_MISMATCH"));
      double behindAt = ViewerStats.of(behind).currentTime();
      Await.until(behind, Duration.ofSeconds(30), "the honest viewer behind still playing",
          s -> s.state().equals("playing") && s.currentTime() > behindAt + 2);

      // Relay B refused its lying upstream and serves only what verifies.
      assertThat(Http.text(relayB.publicUrl() + "metrics"))
          .contains("ownerless_relay_upstream_failures_total{problem=\"SEGMENT_MISMATCH\"");
      StringWriter out = new StringWriter();
      int code = Main.run(new String[] {"verify", relayB.streamUrl()}, new PrintWriter(out), new PrintWriter(out));
      assertThat(code).as(out.toString()).isZero();
    }
  }

  /** The page's refusals as "source PROBLEM, ..."; none yet while its player code is still loading. */
  static String rejectedSources(Page page) {
    return String.valueOf(page.evaluate("() => (window.ownerless ? window.ownerless.stats().rejections ?? [] : [])"
        + ".map(r => r.source + ' ' + r.problem).join(', ')"));
  }

  static RelayOptions relay(LiveNode live, List<String> upstreams, Path dir) {
    return new RelayOptions(live.node.stream(), upstreams, dir, "127.0.0.1", 0, null, 64, null, null);
  }
}
