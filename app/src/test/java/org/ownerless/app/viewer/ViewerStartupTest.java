package org.ownerless.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.testing.Await;
import org.ownerless.app.testing.Chromium;
import org.ownerless.app.testing.Http;
import org.ownerless.app.testing.LiveNode;
import org.ownerless.app.testing.LiveViewing;
import org.ownerless.app.testing.ViewerStats;
import org.ownerless.protocol.model.TipTargets;

/**
 * What the page has before the player's code has run is what the player then uses, in real Chromium:
 * the transmux worker started with the page (player/prestarted-worker.js, taken by hls.js through the
 * build-time patch tools/hls-worker-patch.mjs), and the first signed files the node put into the page
 * (FirstBytes, player/first-bytes.js). Either one missed would put a thread's start-up, or two requests
 * in a row, back on the path to the first frame (bench/first-frame.sh).
 */
@Tag("e2e")
class ViewerStartupTest {
  @TempDir static Path data;
  static LiveViewing viewing;
  static LiveNode live;
  static Chromium chromium;

  @BeforeAll
  static void start() throws Exception {
    viewing = LiveViewing.start(data, TipTargets.NONE, 120, 3);
    live = viewing.live;
    chromium = viewing.chromium;
  }

  @AfterAll
  static void stop() {
    if (viewing != null) {
      viewing.close();
    }
  }

  /** Records the Workers the page starts and when, and when the first signature check starts. */
  private static final String RECORD_STARTUP = """
      window.__startup = { workers: [], startedAt: [], firstVerify: null };
      const NativeWorker = window.Worker;
      window.Worker = class extends NativeWorker {
        constructor(url, ...a) {
          super(url, ...a);
          window.__startup.workers.push(String(url));
          window.__startup.startedAt.push(performance.now());
        }
      };
      const verify = crypto.subtle.verify.bind(crypto.subtle);
      crypto.subtle.verify = (...a) => {
        window.__startup.firstVerify ??= performance.now();
        return verify(...a);
      };
      """;

  @Test
  void hlsJsTransmuxesInTheWorkerThePageStartedAndStartsNoOtherOne() throws Exception {
    Page page = playingWith(RECORD_STARTUP);

    Object startup = page.evaluate("() => window.__startup");
    System.out.println("start-up: " + startup);
    assertThat(page.evaluate("() => window.__startup.workers.length")).as("workers started: " + startup)
        .isEqualTo(1);
    assertThat((String) page.evaluate("() => window.__startup.workers[0]")).endsWith("/hls.worker.js");
    // hls.js starts its own worker only when the first segment has arrived, after the announce and
    // manifest signatures were checked: this one was started by the page, before any check.
    assertThat(page.evaluate("() => window.__startup.startedAt[0] < window.__startup.firstVerify"))
        .as("the worker started before the first signature check: " + startup).isEqualTo(true);
  }

  @Test
  void thePageTheNodeServesCarriesTheAnnounceAndFirstManifestSoNeitherIsAskedForBeforePlaying() throws Exception {
    Page page = chromium.newViewer();
    List<String> streamRequests = streamRequests(page);
    page.navigate(live.watchUrl());
    awaitPlaying(page);

    List<String> beforeFirstSegment = streamRequests.subList(0, firstSegment(streamRequests));
    assertThat(beforeFirstSegment).as("asked for before the first segment: " + streamRequests)
        .noneMatch(u -> u.endsWith("/announce.json") || u.endsWith("/manifest.json"));
  }

  @Test
  void thePageTheNodeServesLoadsThePlayersCodeWithThePageNotOnceMainJsRan() throws Exception {
    // The player is what main.js imports; main.js starts the transmux worker just before it does.
    Matcher imported = Pattern.compile("import\\(\"\\./([A-Za-z0-9_-]+\\.js)\"\\)")
        .matcher(Http.text(URI.create(live.watchUrl()).resolve("/viewer/viewer.js").toString()));
    assertThat(imported.find()).as("viewer.js imports the player").isTrue();
    String player = "/viewer/" + imported.group(1);
    Page page = playingWith(RECORD_STARTUP);

    Object asked = page.evaluate("(p) => performance.getEntriesByType('resource')"
        + ".filter(e => new URL(e.name).pathname === p).map(e => e.startTime)", player);
    Object workerAt = page.evaluate("() => window.__startup.startedAt[0]");
    assertThat((List<?>) asked).as("%s asked for once", player).hasSize(1);
    assertThat(((Number) ((List<?>) asked).get(0)).doubleValue())
        .as("%s asked for (ms) before main.js ran (worker started at %s ms)", player, workerAt)
        .isLessThan(((Number) workerAt).doubleValue());
  }

  /** Holds every MediaSource's `sourceopen` listeners back 1.5 s, and records when they were let run. */
  private static final String SLOW_SOURCE_OPEN = """
      window.__sourceOpenAt = null;
      const add = MediaSource.prototype.addEventListener;
      MediaSource.prototype.addEventListener = function (type, listener, ...rest) {
        if (type !== 'sourceopen') return add.call(this, type, listener, ...rest);
        return add.call(this, type, (e) => setTimeout(() => {
          window.__sourceOpenAt ??= performance.now();
          listener.call(this, e);
        }, 1500), ...rest);
      };
      """;

  @Test
  void theFirstSegmentIsAskedForWhileTheVideoIsStillOpeningItsMediaSource() throws Exception {
    Page page = playingWith(SLOW_SOURCE_OPEN);

    Object firstSegmentAt = page.evaluate("() => performance.getEntriesByType('resource')"
        + ".filter(e => new URL(e.name).pathname.endsWith('.ts')).map(e => e.startTime).sort((a, b) => a - b)[0]");
    Object sourceOpenAt = page.evaluate("() => window.__sourceOpenAt");
    assertThat(((Number) firstSegmentAt).doubleValue())
        .as("first segment asked for at %s ms, MediaSource open at %s ms", firstSegmentAt, sourceOpenAt)
        .isLessThan(((Number) sourceOpenAt).doubleValue());
  }

  /** Records the media time of the first frame the video presents, and where its buffered media then began. */
  private static final String RECORD_FIRST_FRAME = """
      document.addEventListener('loadstart', (e) => {
        const v = e.target;
        if (!(v instanceof HTMLVideoElement) || window.__firstFrame !== undefined) return;
        window.__firstFrame = null;
        v.requestVideoFrameCallback((now, meta) => {
          window.__firstFrame = { mediaTime: meta.mediaTime, bufferedFrom: v.buffered.length ? v.buffered.start(0) : null };
        });
      }, true);
      """;

  @Test
  void playbackStartsOnTheKeyframeThatBeginsItsFirstSegmentNotInsideIt() throws Exception {
    // Every segment begins with a keyframe. A start inside one makes Chromium decode from that keyframe
    // up to the start before it shows a frame (bench/first-frame.sh: tens of ms more to the first frame).
    // `low` plays two 2 s segments behind the edge, so the start is inside a playlist of three or more.
    Page page = playingWith(RECORD_FIRST_FRAME, "?latency=low");

    Map<?, ?> first = (Map<?, ?>) page.evaluate("() => window.__firstFrame");
    double mediaTime = ((Number) first.get("mediaTime")).doubleValue();
    double bufferedFrom = ((Number) first.get("bufferedFrom")).doubleValue();
    assertThat(bufferedFrom).as("started past the playlist's first segment: " + first).isGreaterThan(1);
    // The buffered range starts where audio and video both have media: within a frame or two of the keyframe.
    assertThat(Math.abs(mediaTime - bufferedFrom)).as("first frame against the first segment's start: " + first)
        .isLessThan(0.1);
  }

  @Test
  void carriedBytesThatDoNotVerifyAreReplacedByTheNodesOwnAnswer() throws Exception {
    Page page = chromium.newViewer();
    List<String> streamRequests = streamRequests(page);
    List<String> corrupted = new CopyOnWriteArrayList<>();
    page.route(live.watchUrl(), route -> corruptCarriedAnnounce(route, corrupted));
    page.navigate(live.watchUrl());
    ViewerStats s = awaitPlaying(page);

    assertThat(corrupted).as("the page carried an announce, and the test changed it").hasSize(1);
    assertThat(streamRequests.subList(0, firstSegment(streamRequests)))
        .as("the node was asked for the announce itself: " + streamRequests)
        .anyMatch(u -> u.endsWith("/announce.json"));
    assertThat(s.rejectedSegments()).isZero();
  }

  /**
   * {@code &debug=hls} turns hls.js's own log on in the browser's console (for a bug report); a page
   * opened without it logs none of it.
   */
  @Test
  void debugHlsInTheAddressPrintsHlsJsOwnLogAndNothingElseDoes() throws Exception {
    Page quiet = chromium.open(live.watchUrl() + "?debug=1");
    awaitPlaying(quiet);
    Page verbose = chromium.open(live.watchUrl() + "?debug=hls");
    awaitPlaying(verbose);
    assertThat(Chromium.console(quiet)).noneMatch(l -> l.contains("[stream-controller]"));
    assertThat(Chromium.console(verbose)).anyMatch(l -> l.contains("[stream-controller]"));
    quiet.context().browser().close();
    verbose.context().browser().close();
  }

  /** A new viewer page that ran {@code initScript} before the page's own, once it plays. */
  private static Page playingWith(String initScript) throws Exception {
    return playingWith(initScript, "");
  }

  /** As {@link #playingWith(String)}, with {@code query} added to the watch page's address. */
  private static Page playingWith(String initScript, String query) throws Exception {
    Page page = chromium.newViewer();
    page.addInitScript(initScript);
    page.navigate(live.watchUrl() + query);
    awaitPlaying(page);
    return page;
  }

  private static ViewerStats awaitPlaying(Page page) throws Exception {
    ViewerStats s = Await.until(page, Duration.ofSeconds(60), "playing with 3 verified segments",
        x -> x.state().equals("playing") && x.verifiedSegments() >= 3 && x.currentTime() > 1);
    assertThat(s.rejectedSegments()).isZero();
    return s;
  }

  /** The URLs the page asks for under /streams/, in order. */
  private static List<String> streamRequests(Page page) {
    List<String> urls = new CopyOnWriteArrayList<>();
    page.onRequest(r -> {
      if (r.url().contains("/streams/")) {
        urls.add(r.url());
      }
    });
    return urls;
  }

  private static int firstSegment(List<String> urls) {
    for (int i = 0; i < urls.size(); i++) {
      if (urls.get(i).endsWith(".ts")) {
        return i;
      }
    }
    throw new AssertionError("no segment was asked for over HTTP: " + urls);
  }

  /** The node's page with one character of the carried announce's base64url changed. */
  private static void corruptCarriedAnnounce(Route route, List<String> corrupted) {
    APIResponse res = route.fetch();
    String html = res.text();
    String key = "/announce.json\":\"";
    int at = html.indexOf(key);
    if (at < 0) {
      route.fulfill(new Route.FulfillOptions().setResponse(res));
      return;
    }
    int c = at + key.length() + 40;
    String changed = html.substring(0, c) + (html.charAt(c) == 'A' ? 'B' : 'A') + html.substring(c + 1);
    corrupted.add(live.watchUrl());
    route.fulfill(new Route.FulfillOptions().setResponse(res).setBody(changed));
  }
}
