package org.ownerless.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.relay.Relay;
import org.ownerless.app.relay.RelayOptions;
import org.ownerless.app.testing.Await;
import org.ownerless.app.testing.Chromium;
import org.ownerless.app.testing.Http;
import org.ownerless.app.testing.NodeProcess;
import org.ownerless.app.testing.TestPublisher;
import org.ownerless.app.testing.ViewerStats;
import org.ownerless.origin.follow.StreamUrl;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.signing.SignedObject;

/**
 * Issue 15, "node SIGKILLed with viewers watching": a viewer watching from the node moves to the relay
 * the signed announce lists and plays what exists there, without an error state; the node restarted on
 * the same data and ports continues the same log, and the viewer (and the relay) follow it on.
 */
@Tag("e2e")
class ViewerNodeKilledTest {
  private static final String KEY = "show?token=crash-token-1";
  @TempDir Path data;

  @Test
  void viewerRidesOutAKilledNodeOnTheRelayAndPlaysTheRestartedNodesContinuedLog() throws Exception {
    int relayPort = ViewerFailoverTest.freePort();
    String relayUrl = "http://127.0.0.1:" + relayPort + "/";
    Path nodeData = data.resolve("node");
    Files.createDirectories(nodeData);
    NodeProcess first = NodeProcess.start(nodeData, 0, 0, "--origin", relayUrl);
    Process publisher = publish(first, "publisher-1.log");
    try (Relay relay = Relay.start(new RelayOptions(StreamUrl.parse(first.streamUrl).stream(),
            List.of(first.streamUrl), data.resolve("relay"), "127.0.0.1", relayPort, relayUrl, 0, null, null));
        Chromium chromium = new Chromium()) {
      Page page = chromium.open(first.watchUrl());
      ViewerStats before = Await.withoutErrorUntil(page, Duration.ofSeconds(60), "playing from the node",
          s -> s.state().equals("playing") && s.verifiedSegments() >= 4 && s.currentTime() > 3);
      assertThat(ViewerTamperTest.currentOrigin(page)).isEqualTo(nodeBase(first));

      // The relay follows the node a poll or more behind; under load that can be behind the viewer itself.
      // The case is a viewer with somewhere to go: the relay holds at least 2 s past the viewer's playhead
      // (1 s segments) before the node dies.
      long needed = (long) Math.floor(before.currentTime()) + 3;
      Awaitility.await("the relay mirroring 2 s past the viewer").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> relayTreeSize(relay) >= needed);

      ManifestRoot atKill = manifest(first.streamUrl);
      first.kill();
      publisher.destroyForcibly().waitFor();

      // What exists is what the relay mirrored; the viewer plays on from it, at most to its end.
      ViewerStats onRelay = Await.withoutErrorUntil(page, Duration.ofSeconds(45), "playing on from the relay",
          s -> relayUrl.equals(ViewerTamperTest.currentOrigin(page)) && s.currentTime() > before.currentTime() + 2);
      long relayAtRestart = relayTreeSize(relay);

      try (NodeProcess second = NodeProcess.start(nodeData, first.httpPort(), first.rtmpPort(), "--origin", relayUrl)) {
        Process again = publish(second, "publisher-2.log");
        try {
          ViewerStats after = Await.withoutErrorUntil(page, Duration.ofSeconds(75),
              "playing the restarted node's new segments",
              s -> s.state().equals("playing") && s.verifiedSegments() >= onRelay.verifiedSegments() + 5
                  && s.currentTime() > onRelay.currentTime() + 5);
          assertThat(after.rejectedSegments()).isZero();
          // An origin that was down or behind (the relay, until it found the node again) is passed over,
          // never distrusted: no refusal but UNAVAILABLE or STALE.
          assertThat(refusals(page)).allSatisfy(r -> assertThat(r).matches(".*: (UNAVAILABLE|STALE):? .*"));

          // The same log went on (same epoch, only grown): the viewer and the relay accept a root only
          // if it provably extends the one they hold, so a fork would have been refused above.
          ManifestRoot now = manifest(second.streamUrl);
          assertThat(now.epoch()).isEqualTo(atKill.epoch());
          assertThat(now.treeSize()).isGreaterThan(atKill.treeSize());
          // The relay tries its lost upstream again with back-off (at most 30 s apart), then follows on.
          Awaitility.await("the relay following the restarted node").atMost(Duration.ofSeconds(45))
              .pollInterval(Duration.ofMillis(250))
              .until(() -> relayTreeSize(relay) > relayAtRestart);
        } finally {
          again.destroyForcibly().waitFor();
        }
      }
    } finally {
      publisher.destroyForcibly().waitFor();
      first.close();
    }
  }

  /** The real ffmpeg publisher, keyframes every second: one per node default segment. */
  private Process publish(NodeProcess node, String log) throws Exception {
    return TestPublisher.start(node.rtmpServer, KEY, 150, data.resolve(log).toFile(), "testsrc", 15);
  }

  @SuppressWarnings("unchecked")
  private static List<String> refusals(Page page) {
    return (List<String>) page.evaluate(
        "() => window.ownerless.events().filter(e => e.kind === 'refused').map(e => e.text)");
  }

  private static long relayTreeSize(Relay relay) {
    ManifestRoot src = relay.mirror().published().get("src");
    return src == null ? 0 : src.treeSize();
  }

  private static String nodeBase(NodeProcess node) {
    return "http://127.0.0.1:" + node.httpPort() + "/";
  }

  private static ManifestRoot manifest(String streamUrl) throws Exception {
    return ManifestRoot.fromSigned(SignedObject.parse(Http.get(streamUrl + "src/manifest.json").body()));
  }
}
