package org.ownerless.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.node.NodeSettings;
import org.ownerless.app.testing.Await;
import org.ownerless.app.testing.Chromium;
import org.ownerless.app.testing.LiveNode;
import org.ownerless.app.testing.TrackerProcess;
import org.ownerless.app.testing.ViewerStats;

/**
 * Issue 15, "tracker killed": two viewers share segments through a standalone `ownerless tracker` that
 * the signed announce lists. It is SIGKILLed: both play on over HTTP, no error state. Started again on
 * the same port, it brings them together again and P2P resumes within {@link #P2P_BACK_WITHIN}.
 */
@Tag("e2e")
class ViewerTrackerOutageTest {
  /**
   * From the tracker's return to bytes from a peer: the longest wait between reconnect attempts (30 s,
   * viewer player/tracker-reconnect.js), then an offer, an answer and a segment (a few seconds). The npm
   * client's own wait was 10 s to over an hour plus up to 5 random minutes.
   */
  static final Duration P2P_BACK_WITHIN = Duration.ofSeconds(45);

  /** The node's public name, unresolvable in the viewers' browsers (see {@link #viewer}). */
  private static final String NODE_NAME = "node.invalid";

  @TempDir Path data;

  @Test
  void viewersPlayOnOverHttpWhileTheTrackerIsDownAndShareAgainSoonAfterItIsBack() throws Exception {
    Path trackerLogs = Files.createDirectories(data.resolve("tracker"));
    TrackerProcess tracker = TrackerProcess.start(trackerLogs, 0);
    int port = tracker.port();
    NodeSettings settings = NodeSettings.builder().name("show").dataDir(data.resolve("node")).host("127.0.0.1")
        .httpPort(0).rtmpPort(0).publicUrl("http://" + NODE_NAME + "/").publishToken("tracker-outage-token")
        .title("Tracker outage").ladder("src")
        .segmentSeconds(2.0).addTrackers(List.of(tracker.url())).build();
    try (LiveNode live = LiveNode.start(settings, 150);
        Chromium chromium = new Chromium()) {
      live.awaitSegments("src", 3, Duration.ofSeconds(40));
      // A low-latency viewer is ahead of a normal one: what the second needs next, the first has.
      Page ahead = viewer(chromium, live, "?latency=low");
      Page behind = viewer(chromium, live, "");
      Await.withoutErrorUntil(behind, Duration.ofSeconds(60), "bytes from a peer met through the tracker",
          s -> s.p2pBytes() > 0);

      tracker.kill();
      // The two still hold their WebRTC connection; a viewer arriving now (here: one reloading) has only
      // the tracker to meet anyone through, so it plays from HTTP alone.
      behind.reload();
      ViewerStats alone = Await.withoutErrorUntil(behind, Duration.ofSeconds(40), "playing over HTTP alone",
          s -> s.state().equals("playing") && s.verifiedSegments() >= 3 && s.currentTime() > 2);
      assertThat(alone.p2pBytes()).as("bytes from peers with no tracker to meet them").isZero();
      ViewerStats aheadDuringOutage = ViewerStats.of(ahead);
      assertThat(aheadDuringOutage.inError()).as(aheadDuringOutage.toString()).isFalse();

      tracker = TrackerProcess.start(trackerLogs, port);
      long backAt = System.nanoTime();
      Await.withoutErrorUntil(behind, P2P_BACK_WITHIN, "bytes from a peer again after the tracker came back",
          s -> s.p2pBytes() > 0);
      System.out.printf("tracker outage: P2P resumed %.1f s after the tracker was back%n",
          (System.nanoTime() - backAt) / 1e9);
      Await.withoutErrorUntil(ahead, Duration.ofSeconds(10), "the viewer ahead still playing",
          s -> s.state().equals("playing") && s.currentTime() > aheadDuringOutage.currentTime());
      for (Page page : List.of(ahead, behind)) {
        // One console line per failed attempt at most (the browser's own), not a flood.
        long aboutTracker = Chromium.console(page).stream().filter(l -> l.contains(":" + port + "/")).count();
        assertThat(aboutTracker).as("console lines about the tracker: %s", Chromium.console(page)).isLessThan(10);
      }
    } finally {
      tracker.close();
    }
  }

  /**
   * A viewer of the node, opened at its loopback address. The node calls itself {@link #NODE_NAME},
   * which this browser cannot resolve: its own tracker (always listed first in the announce) is out of
   * reach, so the standalone tracker is the only place viewers meet.
   */
  private static Page viewer(Chromium chromium, LiveNode live, String query) {
    Page page = chromium.newViewer(List.of("--host-resolver-rules=MAP " + NODE_NAME + " ~NOTFOUND"));
    page.navigate("http://127.0.0.1:" + live.node.httpPort() + "/watch/" + live.node.stream() + query);
    return page;
  }
}
