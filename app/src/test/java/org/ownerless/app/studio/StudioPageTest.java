package org.ownerless.app.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.testing.Chromium;
import org.ownerless.app.testing.DocScreenshots;
import org.ownerless.app.testing.LiveNode;
import org.ownerless.app.testing.Waits;

/**
 * The studio in real Chromium against a real node fed by ffmpeg: live numbers that move (segments
 * signed, a viewer who opens the watch page, the charts), the trust side as published, and the access
 * rule as a browser behind a reverse proxy meets it (the proxy's X-Forwarded-For on every request).
 */
@Tag("e2e")
class StudioPageTest {
  static final String TOKEN = "viewer-test-token"; // LiveNode's publish token
  static final Duration LIVE = Duration.ofSeconds(60);
  static final Map<String, String> BEHIND_A_PROXY = Map.of("X-Forwarded-For", "203.0.113.9");
  /** Gauges another part of the node may or may not register yet: shown as "—" exactly while absent. */
  static final Map<String, String> OPTIONAL_GAUGES = Map.of(
      "ingest.fps", "ownerless.ingest.fps",
      "ingest.bitrateBits", "ownerless.ingest.bitrate.bits",
      "ingest.keyframeIntervalSeconds", "ownerless.ingest.keyframe.interval.seconds",
      "ingest.framesDropped", "ownerless.ingest.frames.dropped",
      "transcoder.speed", "ownerless.transcoder.speed");

  @TempDir static Path data;
  static LiveNode live;
  static Chromium chromium;

  @BeforeAll
  static void start() throws Exception {
    live = LiveNode.start(data, "src", 240);
    chromium = new Chromium();
    live.awaitSegments("src", 2, Duration.ofSeconds(40));
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

  @Test
  void theStudioShowsLiveFiguresAViewerWhoArrivesAndWhatWasSigned() throws Exception {
    Page studio = chromium.newViewer();
    studio.setViewportSize(1100, 900);
    studio.navigate(live.node.studioUrl()); // from this machine: no token needed
    long first = awaitNumber(studio, "publish.segmentsSigned", n -> n >= 2);
    awaitNumber(studio, "publish.segmentsSigned", n -> n > first);

    Page viewer = chromium.open(live.watchUrl());
    awaitNumber(studio, "viewers.total", n -> n >= 1);
    Waits.until(LIVE, () -> "the src row to count the viewer: " + text(studio, "[data-list=viewers]"),
        () -> text(studio, "tr[data-rendition=src] td:nth-child(2)").equals("1"));
    Waits.until(LIVE, () -> "points in the viewers and egress charts",
        () -> points(studio, "viewers") >= 2 && points(studio, "egress") >= 1);
    assertThat(text(studio, "[data-field='egress.bytesServed']")).matches("[0-9.]+ (B|KiB|MiB|GiB)");
    assertThat(text(studio, "[data-derived=egressRate]")).matches("[0-9.]+ (B|KiB|MiB)/s");
    assertThat(text(studio, "[data-field='publish.latencyP50Ms']")).matches("[0-9.]+ m?s");

    assertThat(text(studio, "[data-field='announce.status']")).isEqualTo("live");
    assertThat(text(studio, "tr[data-rendition=src] code")).matches("[0-9a-f]{16}");
    assertThat(Long.parseLong(text(studio, "[data-list=roots] tr[data-rendition=src] td:nth-child(3)"))).isGreaterThanOrEqualTo(2);
    for (Map.Entry<String, String> g : OPTIONAL_GAUGES.entrySet()) {
      boolean registered = live.node.metrics().find(g.getValue()).meter() != null;
      String shown = text(studio, "[data-field='" + g.getKey() + "']");
      assertThat(shown.equals("—")).as(g.getKey() + " shows " + shown).isEqualTo(!registered);
    }
    assertThat(text(studio, "[data-field=error]")).isEmpty();

    Path shot = DocScreenshots.of("studio.png");
    studio.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(true));
    assertThat(Files.size(shot)).isPositive();
    close(viewer);
    close(studio);
  }

  @Test
  void aBrowserBehindAProxyNeedsTheTokenOnceAndTheAddressDropsIt() throws Exception {
    Page page = chromium.newViewer();
    page.context().setExtraHTTPHeaders(BEHIND_A_PROXY);
    try {
      assertThat(page.navigate(live.node.studioUrl()).status()).isEqualTo(401);
      assertThat(page.textContent("body")).contains("?token=");
      assertThat(page.navigate(live.node.studioUrl() + "?token=wrong").status()).isEqualTo(403);

      page.navigate(live.node.studioUrl() + "?token=" + TOKEN);
      assertThat(page.url()).isEqualTo(live.node.studioUrl()); // redirected: the token left the address
      awaitNumber(page, "publish.segmentsSigned", n -> n >= 2); // state.json read with the cookie
      assertThat(page.evaluate("() => document.cookie")).isEqualTo(""); // HttpOnly: no script reads it
    } finally {
      close(page);
    }
  }

  @Test
  void aProxiedRequestWithoutTheTokenIsRefusedAndWithTheBearerTokenAllowed() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (String path : List.of("", "/state.json")) {
      HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(live.node.studioUrl() + path))
          .timeout(Duration.ofSeconds(10)).header("X-Forwarded-For", "203.0.113.9");
      assertThat(http.send(req.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as(path).isEqualTo(401);
      assertThat(http.send(req.header("Authorization", "Bearer " + TOKEN).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).as(path).isEqualTo(200);
    }
    String announce = new String(live.file("announce.json"));
    assertThat(announce).doesNotContain("studio");
  }

  interface LongCondition {
    boolean test(long n);
  }

  /** Waits until the field shows a whole number meeting {@code condition}; returns it. */
  static long awaitNumber(Page page, String field, LongCondition condition) {
    String selector = "[data-field='" + field + "']";
    long[] seen = {-1};
    Waits.until(LIVE, () -> field + " to change, last shown: " + text(page, selector) + "; page error: "
        + text(page, "[data-field=error]") + "; console: " + Chromium.console(page), () -> {
          String t = text(page, selector);
          if (!t.matches("\\d+")) {
            return false;
          }
          seen[0] = Long.parseLong(t);
          return condition.test(seen[0]);
        });
    return seen[0];
  }

  static String text(Page page, String selector) {
    return page.textContent(selector).strip();
  }

  static int points(Page page, String chart) {
    String p = page.getAttribute("canvas[data-chart=" + chart + "]", "data-points");
    return p == null || p.isEmpty() ? 0 : Integer.parseInt(p);
  }

  static void close(Page page) {
    try {
      page.context().browser().close();
    } catch (RuntimeException e) {
      // already gone
    }
  }
}
