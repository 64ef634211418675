package org.ownerless.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.node.NodeSettings;
import org.ownerless.app.testing.Await;
import org.ownerless.app.testing.Chromium;
import org.ownerless.app.testing.LiveNode;
import org.ownerless.app.testing.TamperingOrigin;
import org.ownerless.app.testing.ViewerStats;

/**
 * A node packaging fMP4/CMAF (--segment-format fmp4: a copy rung and a 144p rung) plays in the
 * ownerless viewer: hls.js gets the init section through EXT-X-MAP, verified against the signed
 * `inits` item like any segment. An origin that alters only the init is refused and passed over.
 */
@Tag("e2e")
class ViewerCmafTest {
  @TempDir static Path data;
  /** The node and the browser, opened once for both tests and closed in reverse order. */
  static final Deque<AutoCloseable> opened = new ArrayDeque<>();
  static LiveNode live;
  static Chromium chromium;

  @BeforeAll
  static void startAnFmp4NodeAndABrowser() throws Exception {
    live = LiveNode.start(NodeSettings.builder().name("show").dataDir(data).host("127.0.0.1").httpPort(0)
        .rtmpPort(0).publishToken("cmaf-test-token").title("CMAF test").ladder("src,144p:144:200")
        .segmentSeconds(2.0).segmentFormat("fmp4").build(), 300);
    opened.push(live);
    opened.push(chromium = new Chromium());
    for (String rendition : List.of("src", "144p")) {
      live.awaitSegments(rendition, 3, Duration.ofSeconds(60));
    }
  }

  @AfterAll
  static void closeWhatWasOpened() throws Exception {
    while (!opened.isEmpty()) {
      opened.pop().close();
    }
  }

  @Test
  void anFmp4NodePublishesM4sSegmentsAndAContentAddressedInitAndPlaysWithEverySegmentVerified() throws Exception {
    for (String rendition : List.of("src", "144p")) {
      Path dir = data.resolve(live.node.stream().path()).resolve(rendition);
      try (var files = Files.list(dir)) {
        List<String> names = files.map(f -> f.getFileName().toString()).toList();
        assertThat(names).anyMatch(n -> n.matches("seg-\\d+-\\d{6}\\.m4s"));
        assertThat(names).anyMatch(n -> n.matches("init-[0-9a-f]{16}\\.mp4"));
        assertThat(names).noneMatch(n -> n.endsWith(".ts"));
      }
      String manifest = new String(live.file(rendition + "/manifest.json"));
      assertThat(manifest).contains("\"inits\"").contains("\"init\":\"init-");
    }
    Page page = chromium.open(live.watchUrl());
    ViewerStats s = Await.until(page, Duration.ofSeconds(60), "fMP4 playing with verified segments",
        x -> x.state().equals("playing") && x.verifiedSegments() >= 4 && x.currentTime() > 4);
    assertThat(s.rejectedSegments()).isZero();
    page.context().browser().close();
  }

  /**
   * After an error in one rendition (here hls.js's own reaction to a fragment it found no media in,
   * which is what left LL-HLS edge viewers on their lowest rendition under CPU load) hls.js plays
   * another and keeps the failed one out of its choice: for the viewer's penalty (20 s), not, as by
   * hls.js's default, for the rest of the session.
   */
  @Test
  void aRenditionLeftAfterAnErrorIsPlayedAgainOnceItsPenaltyIsOver() throws Exception {
    Page page = chromium.open(live.watchUrl());
    Await.until(page, Duration.ofSeconds(60), "playing", x -> x.state().equals("playing") && x.currentTime() > 2);
    awaitRendition(page, "src", Duration.ofSeconds(30));
    page.evaluate("() => { const h = window.ownerless.viewer.hls; const frag = h.levels[h.currentLevel].details"
        + ".fragments.at(-1); h.trigger('hlsError', { type: 'mediaError', details: 'fragParsingError',"
        + " fatal: false, frag, error: new Error('test: found no media') }); }");
    awaitRendition(page, "144p", Duration.ofSeconds(15));
    long left = System.nanoTime();
    awaitRendition(page, "src", Duration.ofSeconds(60));
    double awaySeconds = (System.nanoTime() - left) / 1e9;
    System.out.printf("ViewerCmafTest: back on src %.1f s after leaving it for an error%n", awaySeconds);
    assertThat(awaySeconds).as("kept away for its penalty").isGreaterThan(10);
    assertThat(ViewerStats.of(page).rejectedSegments()).isZero();
    page.context().browser().close();
  }

  private static void awaitRendition(Page page, String rendition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Object now = null;
    while (System.nanoTime() < deadline) {
      now = page.evaluate("() => window.ownerless.stats().rendition");
      if (rendition.equals(now)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the viewer played " + now + ", not " + rendition + ", for " + timeout);
  }

  @Test
  void anInitSectionAlteredByTheHintOriginIsRefusedAndTakenFromTheNextOrigin() throws Exception {
    AtomicInteger alteredInits = new AtomicInteger();
    try (TamperingOrigin evil = new TamperingOrigin(live.node.publicUrl(), (path, bytes) -> {
      if (path.matches(".*/init-[0-9a-f]{16}\\.mp4")) {
        alteredInits.incrementAndGet();
        return TamperingOrigin.flipped(bytes);
      }
      return bytes;
    })) {
      Page page = chromium.open(live.watchUrl() + "?hint=" + evil.url());
      ViewerStats s = Await.until(page, Duration.ofSeconds(60), "playing with the init from the honest origin",
          x -> x.state().equals("playing") && x.verifiedSegments() >= 3 && x.currentTime() > 2);
      assertThat(alteredInits.get()).as("the viewer asked the hostile origin for an init").isPositive();
      assertThat(s.rejectedSegments()).isPositive();
      assertThat(page.evaluate("() => JSON.stringify(window.ownerless.stats().rejections)")).asString()
          .contains("SEGMENT_MISMATCH").contains("init-");
      assertThat(ViewerTamperTest.currentOrigin(page)).isEqualTo(live.node.publicUrl());
      page.context().browser().close();
    }
  }
}
