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
import org.ownerless.app.relay.Relay;
import org.ownerless.app.relay.RelayOptions;
import org.ownerless.app.testing.Await;
import org.ownerless.app.testing.Chromium;
import org.ownerless.app.testing.LiveNode;
import org.ownerless.app.testing.TamperingOrigin;
import org.ownerless.app.testing.ViewerStats;
import org.ownerless.app.testing.Waits;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.signing.SignedObject;

/**
 * A node restarted with {@code --new-epoch} (its log lost or damaged) starts a new log whose roots
 * link to where the old one ended (docs/protocol.md §4.3): a relay and a watching Chromium viewer
 * follow the link and keep playing. An epoch signed by the same key with no link, or with a link
 * that drops what viewers already hold, is refused and shown, never played.
 */
@Tag("e2e")
class ViewerNewEpochTest {
  @TempDir Path data;

  private NodeSettings settings(int port, String relayUrl, boolean newEpoch) {
    return NodeSettings.builder().name("show").dataDir(data.resolve("node")).host("127.0.0.1").httpPort(port)
        .rtmpPort(0).publishToken("epoch-token").title("Epoch test").ladder("src").segmentSeconds(2.0)
        .addOrigins(relayUrl == null ? List.of() : List.of(relayUrl)).newEpoch(newEpoch).build();
  }

  private static long epochOf(Page page) {
    Object e = page.evaluate("() => window.ownerless.viewer.trust.renditions.get('src')?.root?.epoch ?? 0");
    return ((Number) e).longValue();
  }

  private static long epochServed(Path manifest) throws Exception {
    return Files.exists(manifest)
        ? ManifestRoot.fromSigned(SignedObject.parse(Files.readAllBytes(manifest))).epoch() : 0;
  }

  @Test
  void aRestartWithANewEpochIsFollowedAcrossTheLinkByTheRelayAndTheViewer() throws Exception {
    int nodePort = ViewerFailoverTest.freePort();
    int relayPort = ViewerFailoverTest.freePort();
    String nodeUrl = "http://127.0.0.1:" + nodePort + "/";
    String relayUrl = "http://127.0.0.1:" + relayPort + "/";
    Signer creator = Signer.generate();
    LiveNode first = LiveNode.start(settings(nodePort, relayUrl, false), creator, 300);
    try (Relay relay = Relay.start(new RelayOptions(first.node.stream(), List.of(nodeUrl), data.resolve("relay"),
            "127.0.0.1", relayPort, relayUrl, 64, null, null));
        Chromium chromium = new Chromium()) {
      first.awaitSegments("src", 4, Duration.ofSeconds(40));
      Page page = chromium.newViewer();
      page.navigate(relay.watchUrl());
      ViewerStats before = Await.until(page, Duration.ofSeconds(60), "playing epoch 1 through the relay",
          s -> s.state().equals("playing") && s.verifiedSegments() >= 3 && s.currentTime() > 2);
      assertThat(epochOf(page)).isEqualTo(1);

      first.close();
      Path manifest = data.resolve("node").resolve(first.node.stream().path()).resolve("src/manifest.json");
      try (LiveNode second = LiveNode.start(settings(nodePort, relayUrl, true), creator, 300)) {
        Waits.until(Duration.ofSeconds(40), () -> "the node to publish epoch 2", () -> epochServed(manifest) == 2);
        ViewerStats after;
        try {
          after = Await.until(page, Duration.ofSeconds(90), "playing epoch 2, linked to epoch 1",
              s -> s.state().equals("playing") && epochOf(page) == 2 && s.currentTime() > before.currentTime() + 6);
        } catch (AssertionError e) {
          System.out.println("DEBUG events: " + ViewerTamperTest.events(page));
          throw e;
        }
        assertThat(after.rejectedSegments()).isZero();
        assertThat(ViewerTamperTest.events(page)).doesNotContain("EQUIVOCATION").doesNotContain("ROLLBACK");
        Waits.until(Duration.ofSeconds(30), () -> "the relay to follow epoch 2",
            () -> relay.mirror().published().get("src").epoch() == 2);
        assertThat(relay.mirror().published().get("src").previous().epoch()).isEqualTo(1);
      }
    }
  }

  @Test
  void anEpochThatDropsWhatTheViewerHoldsIsRefusedAndShown() throws Exception {
    int nodePort = ViewerFailoverTest.freePort();
    Signer creator = Signer.generate();
    try (LiveNode live = LiveNode.start(settings(nodePort, null, false), creator, 300);
        TamperingOrigin evil = new TamperingOrigin(live.node.publicUrl());
        Chromium chromium = new Chromium()) {
      live.awaitSegments("src", 4, Duration.ofSeconds(40));
      Page page = chromium.newViewer();
      page.navigate(live.watchUrl() + "?hint=" + evil.url());
      Await.until(page, Duration.ofSeconds(60), "playing through the origin while it is honest",
          s -> s.state().equals("playing") && s.verifiedSegments() >= 3);
      // From now on the origin serves, for this stream, an epoch 2 signed by the creator's own key
      // that says epoch 1 ended at size 1: it forks away everything the viewer has played.
      evil.rewrite((path, bytes) -> path.endsWith("src/manifest.json") ? forkedEpoch(bytes, creator) : bytes);
      Await.until(page, Duration.ofSeconds(60), "the forged epoch refused and shown",
          s -> ViewerTamperTest.events(page).contains("EQUIVOCATION"));
      assertThat(epochOf(page)).isEqualTo(1);
    }
  }

  /** A genuine root moved to epoch 2 with a link that cuts epoch 1 off at size 1, re-signed by the key. */
  private static byte[] forkedEpoch(byte[] genuine, Signer creator) {
    try {
      ManifestRoot r = ManifestRoot.fromSigned(SignedObject.parse(genuine));
      ManifestRoot fork = new ManifestRoot(r.creator(), r.name(), r.rendition(), 2, r.treeSize(), r.rootHash(),
          r.timeMs(), r.window(), r.frontier(), new org.ownerless.protocol.model.EpochLink(1, 1,
          org.ownerless.protocol.crypto.Digest.sha256(new byte[] {1})), null);
      return fork.sign(creator).toCanonicalBytes();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
