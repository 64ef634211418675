package org.ownerless.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.node.NodeSettings;
import org.ownerless.app.relay.Relay;
import org.ownerless.app.relay.RelayOptions;
import org.ownerless.app.testing.Await;
import org.ownerless.app.testing.Chromium;
import org.ownerless.app.testing.LiveNode;
import org.ownerless.app.testing.TamperingOrigin;
import org.ownerless.app.testing.ViewerStats;
import org.ownerless.ingest.transcode.Ladder;
import org.ownerless.origin.bucket.S3Server;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.TipTargets;

/**
 * The origin a viewer is watching from dies mid-stream; the signed announce also lists a relay and
 * an S3 bucket. The viewer moves on to them and keeps playing; the stall is measured in the page.
 */
@Tag("e2e")
class ViewerFailoverTest {
  @TempDir Path data;

  /** Records every interval the video spent waiting for data, in page time (ms). */
  static final String STALL_RECORDER = """
      window.__stalls = [];
      document.addEventListener('waiting', e => {
        if (e.target.tagName === 'VIDEO' && window.__stallStart == null) window.__stallStart = performance.now();
      }, true);
      document.addEventListener('playing', e => {
        if (e.target.tagName === 'VIDEO' && window.__stallStart != null) {
          window.__stalls.push([window.__stallStart, performance.now()]);
          window.__stallStart = null;
        }
      }, true);
      """;

  /** The node's segment length; the failover target is a stall shorter than one segment. */
  static final double SEGMENT_SECONDS = 2.0;

  @Test
  void killingTheOriginMidStreamLeavesTheViewerPlayingFromTheRelayAndTheBucket() throws Exception {
    int nodePort = freePort();
    int relayPort = freePort();
    String relayUrl = "http://127.0.0.1:" + relayPort + "/";
    try (S3Server s3 = new S3Server();
        TamperingOrigin origin = new TamperingOrigin("http://127.0.0.1:" + nodePort + "/")) {
      // The origin viewers know is a front server; the node behind it also publishes to the bucket,
      // and the creator lists the relay: the announce names all three.
      NodeSettings options = NodeSettings.builder().name("show").dataDir(data).host("127.0.0.1").httpPort(nodePort)
          .rtmpPort(0).publishToken("failover-token").publicUrl(origin.url()).title("Failover test").ladder("src")
          .segmentSeconds(SEGMENT_SECONDS).addOrigins(List.of(relayUrl)).bucket(s3.settings("failover")).build();
      try (LiveNode live = LiveNode.start(options, 150);
          Relay relay = Relay.start(new RelayOptions(live.node.stream(), List.of(origin.url()), data.resolve("relay"),
              "127.0.0.1", relayPort, relayUrl, 64, null, null));
          Chromium chromium = new Chromium()) {
        live.awaitSegments("src", 3, Duration.ofSeconds(40));
        Page page = chromium.newViewer();
        page.addInitScript(STALL_RECORDER);
        page.navigate(relay.watchUrl() + "?hint=" + origin.url());
        ViewerStats before = Await.until(page, Duration.ofSeconds(60), "playing from the front origin",
            s -> s.state().equals("playing") && s.verifiedSegments() >= 4 && s.currentTime() > 4);
        assertThat(ViewerTamperTest.currentOrigin(page)).isEqualTo(origin.url());

        double killedAt = ((Number) page.evaluate("() => performance.now()")).doubleValue();
        long relaySizeAtKill = relay.mirror().published().get("src").treeSize();
        origin.close();

        ViewerStats after = Await.until(page, Duration.ofSeconds(60), "12 s of playback after the origin died",
            s -> s.state().equals("playing") && s.currentTime() > before.currentTime() + 12
                && s.verifiedSegments() >= before.verifiedSegments() + 5);
        assertThat(after.rejectedSegments()).isZero();
        String now = ViewerTamperTest.currentOrigin(page);
        assertThat(now).isIn(relayUrl, s3.bucketUrl() + "failover/");

        double stalledMs = ((Number) page.evaluate("killedAt => window.__stalls"
            + ".filter(([a, b]) => b > killedAt).reduce((sum, [a, b]) => sum + (b - Math.max(a, killedAt)), 0)"
            + " + (window.__stallStart != null ? performance.now() - Math.max(window.__stallStart, killedAt) : 0)",
            killedAt)).doubleValue();
        // The relay lost its upstream too, and followed the stream from the announce's other hints.
        assertThat(relay.mirror().published().get("src").treeSize()).isGreaterThan(relaySizeAtKill + 3);
        System.out.printf("failover: origin killed, viewer moved to %s, stalled %.0f ms in total%n", now, stalledMs);
        assertThat(stalledMs).as("stall after the origin died (target: under one %s s segment)", SEGMENT_SECONDS)
            .isLessThan(SEGMENT_SECONDS * 1000);
      }
    }
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
