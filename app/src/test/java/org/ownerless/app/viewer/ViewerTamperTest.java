package org.ownerless.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Page;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.testing.Await;
import org.ownerless.app.testing.Chromium;
import org.ownerless.app.testing.Http;
import org.ownerless.app.testing.LiveNode;
import org.ownerless.app.testing.TamperingOrigin;
import org.ownerless.app.testing.ViewerStats;
import org.ownerless.app.testing.Waits;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.json.StrictJson;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.TipTargets;
import org.ownerless.protocol.signing.SignedObject;
import org.ownerless.protocol.verify.Freshness;

/**
 * Origins are not trusted: one that alters a segment, forges or rolls back a manifest is passed over
 * for the next origin of the signed announce; one that alters the announce leaves nothing to trust.
 */
@Tag("e2e")
class ViewerTamperTest {
  @TempDir static Path data;
  static LiveNode live;
  static Chromium chromium;

  @BeforeAll
  static void start() throws Exception {
    live = LiveNode.start(data, "src", LatencyMode.NORMAL, new TipTargets("tips@example.com", null, null), 300);
    chromium = new Chromium();
    live.awaitSegments("src", 6, Duration.ofSeconds(40));
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (live != null) {
      live.close();
    }
  }

  /** The node's page, told to start from {@code hint} (the announce then adds the node itself). */
  static Page viewerVia(TamperingOrigin hint) {
    Page page = chromium.open(live.watchUrl() + "?hint=" + hint.url());
    return page;
  }

  static String currentOrigin(Page page) {
    return String.valueOf(page.evaluate("() => window.ownerless.origins().current"));
  }

  static String events(Page page) {
    return String.valueOf(page.evaluate("() => JSON.stringify(window.ownerless.events())"));
  }

  @Test
  void anOriginThatAltersSegmentsIsPassedOverAndPlaybackContinues() throws Exception {
    try (TamperingOrigin evil = new TamperingOrigin(live.node.publicUrl())) {
      evil.rewrite((path, bytes) -> path.endsWith(".ts") ? TamperingOrigin.flipped(bytes) : bytes);
      Page page = viewerVia(evil);
      ViewerStats s = Await.until(page, Duration.ofSeconds(60), "playing from the honest origin",
          x -> x.state().equals("playing") && x.verifiedSegments() >= 3 && x.currentTime() > 2);
      assertThat(s.rejectedSegments()).isPositive();
      assertThat(currentOrigin(page)).isEqualTo(live.node.publicUrl());
      assertThat(page.evaluate("() => window.ownerless.stats().rejections.map(r => r.problem)")).asString()
          .contains("SEGMENT_MISMATCH");
      page.context().browser().close();
    }
  }

  @Test
  void aManifestSignedByAnotherKeyIsRefusedAndTheNextOriginServes() throws Exception {
    Signer forger = Signer.generate();
    try (TamperingOrigin evil = new TamperingOrigin(live.node.publicUrl())) {
      evil.rewrite((path, bytes) -> path.endsWith("manifest.json") || path.contains("/roots/")
          ? resigned(bytes, forger) : bytes);
      Page page = viewerVia(evil);
      Await.until(page, Duration.ofSeconds(60), "playing from the honest origin",
          x -> x.state().equals("playing") && x.verifiedSegments() >= 2);
      assertThat(events(page)).contains("BAD_SIGNATURE");
      assertThat(currentOrigin(page)).isEqualTo(live.node.publicUrl());
      page.context().browser().close();
    }
  }

  @Test
  void aRolledBackManifestIsNeverBelievedAndItsOriginPassedOverAsBehind() throws Exception {
    try (TamperingOrigin evil = new TamperingOrigin(live.node.publicUrl())) {
      Page page = viewerVia(evil);
      Await.until(page, Duration.ofSeconds(60), "playing through the origin while it is honest",
          x -> x.state().equals("playing") && x.verifiedSegments() >= 2);
      assertThat(currentOrigin(page)).isEqualTo(evil.url());
      // From now on it answers with a manifest from five segments ago: validly signed, but old.
      evil.rewrite((path, bytes) -> {
        if (!path.endsWith("/manifest.json")) {
          return bytes;
        }
        try {
          long size = StrictJson.parse(bytes).get("treeSize").asLong();
          return evil.fetchUpstream(path.replace("manifest.json", "roots/1-" + (size - 5) + ".json"));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      ViewerStats before = ViewerStats.of(page);
      // An old genuine root is what a mirror that fell behind serves too: passed over, never believed.
      Await.until(page, Duration.ofSeconds(30), "the old root passed over and playback continuing",
          x -> x.state().equals("playing") && events(page).contains("STALE behind: root 1-")
              && x.verifiedSegments() > before.verifiedSegments() + 2);
      assertThat(currentOrigin(page)).isEqualTo(live.node.publicUrl());
      page.context().browser().close();
    }
  }

  @Test
  void aMirrorFrozenOnAGenuineButStaleStateIsPassedOverForTheOriginThatIsAhead() throws Exception {
    Map<String, byte[]> frozen = new ConcurrentHashMap<>();
    try (TamperingOrigin stale = new TamperingOrigin(live.node.publicUrl())) {
      // From its first answer on it serves the same announce and manifests forever: genuine, still
      // inside the announce's validity, and older every second.
      stale.rewrite((path, bytes) -> path.endsWith(".json") ? frozen.computeIfAbsent(path, p -> bytes) : bytes);
      String stream = live.node.stream().path() + "/";
      Http.get(stale.url() + stream + "announce.json");
      byte[] manifest = Http.get(stale.url() + stream + "src/manifest.json").body();
      long signedAt = StrictJson.parse(manifest).get("timeMs").asLong();
      Waits.until(Duration.ofSeconds(60), () -> "the frozen root to be past the freshness bound",
          () -> System.currentTimeMillis() - signedAt > Freshness.MIN_STALE_AFTER_MS + 1000);
      Page page = viewerVia(stale);
      ViewerStats s = Await.until(page, Duration.ofSeconds(60), "playing the live edge from the node",
          x -> x.state().equals("playing") && x.verifiedSegments() >= 3);
      assertThat(currentOrigin(page)).isEqualTo(live.node.publicUrl());
      assertThat(events(page)).contains("STALE");
      assertThat(s.rejectedSegments()).isZero();
      page.context().browser().close();
    }
  }

  @Test
  void anAlteredAnnounceLeavesTheStreamUntrustedWithNoTipButton() throws Exception {
    try (TamperingOrigin evil = new TamperingOrigin(live.node.publicUrl())) {
      // Same length, one character changed inside the signed tip address: the signature no longer holds.
      evil.rewrite((path, bytes) -> path.endsWith("announce.json")
          ? new String(bytes, StandardCharsets.UTF_8).replace("tips@example.com", "thief@example.com")
              .getBytes(StandardCharsets.UTF_8)
          : bytes);
      Page page = viewerVia(evil);
      ViewerStats s = Await.until(page, Duration.ofSeconds(30), "untrusted", x -> x.state().equals("untrusted"));
      assertThat(s.message()).contains("announce.json");
      assertThat(page.textContent("[data-field=message]")).contains("announce.json");
      assertThat(events(page)).contains("BAD_SIGNATURE");
      assertThat(page.locator("[data-tip]").count()).isZero();
      assertThat(page.isVisible("video")).isFalse();
      assertThat(s.verifiedSegments()).isZero();
      // The page asks for the announce and, while its code loads, for the manifest of the rendition the
      // (not yet verified) announce names first (early-fetches.js): a lie there costs one request. Nothing
      // the altered announce says is acted on beyond that: no segment, no other origin, no other file.
      String stream = live.node.stream().path() + "/";
      assertThat(evil.paths()).as("only the announce and the early manifest were fetched")
          .containsOnlyOnce(stream + "announce.json")
          .allMatch(p -> p.equals(stream + "announce.json") || p.matches(java.util.regex.Pattern.quote(stream)
              + "[A-Za-z0-9_-]+/manifest\\.json"))
          .hasSizeLessThanOrEqualTo(2);
      page.context().browser().close();
    }
  }

  /** The same manifest, signed by {@code forger} while still claiming to be the creator's. */
  static byte[] resigned(byte[] manifest, Signer forger) {
    try {
      ObjectNode body = (ObjectNode) StrictJson.parse(manifest);
      return SignedObject.sign(body, forger).toCanonicalBytes();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
