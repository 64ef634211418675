package org.ownerless.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ownerless.app.testing.Await;
import org.ownerless.app.testing.Chromium;
import org.ownerless.app.testing.HostileOrigin;
import org.ownerless.app.testing.HostileOrigin.Counts;
import org.ownerless.app.testing.HostileOrigin.Mode;
import org.ownerless.app.testing.LiveNode;

/**
 * The page's hint is a hostile origin; the signed announce also lists the node's own. Whatever the
 * hostile one does with segments — an endless body, a body larger than signed, a trickle, 503 — the
 * viewer downloads no more than the signed size per try, keeps its heap small, moves to the node's
 * origin and plays. One node for all modes; an honest run first gives the normal start-up to compare.
 */
@Tag("e2e")
class ViewerHostileOriginTest {
  /** LiveNode's segment length. */
  static final double SEGMENT_SECONDS = 2.0;
  static final long SLACK_PER_REFUSED_TRY = 64 * 1024;
  /**
   * Chromium's network service reads a response ahead of the page before the page's cancel reaches
   * it: bytes the browser received beyond what the page read depend on how fast that cancel travels,
   * not on us. On a quiet machine 0.5–1 MiB a try; in a CI run at load 14 on two cores, 9.9 MB a try
   * (19.8 MB for two). The bound says "bounded" (the viewer before this change took 2.39 GB in 60 s);
   * the guarantee the viewer gives is the page's, asserted above at signed + 64 KiB.
   */
  static final long BROWSER_READ_AHEAD_PER_TRY = 32L * 1024 * 1024;
  static final long HEAP_LIMIT = 200L * 1024 * 1024;

  /**
   * First `playing` of the video, the peak JS heap, and the segment bytes the page's scripts read from
   * the hostile origin (counted under every other fetch wrapper, as they are pulled, HOSTILE replaced).
   */
  static final String PROBES = """
      window.__hostileSegmentBytes = 0;
      const networkFetch = window.fetch;
      window.fetch = async function (input, init) {
        const res = await networkFetch.call(this, input, init);
        const url = typeof input === 'string' ? input : input.url;
        if (!url.startsWith('HOSTILE') || !url.endsWith('.ts') || !res.body) return res;
        // A byte stream like the network's: a sized read (BYOB) takes only what it asks for.
        const reader = res.body.getReader({ mode: 'byob' });
        const counted = new ReadableStream({
          type: 'bytes',
          async pull(c) {
            const view = c.byobRequest ? c.byobRequest.view : null;
            const next = await reader.read(new Uint8Array(view ? view.byteLength : 65536));
            if (next.done) {
              c.close();
              if (c.byobRequest) c.byobRequest.respond(0);
              return;
            }
            window.__hostileSegmentBytes += next.value.byteLength;
            if (view) {
              new Uint8Array(view.buffer, view.byteOffset, next.value.byteLength).set(next.value);
              c.byobRequest.respond(next.value.byteLength);
            } else {
              c.enqueue(next.value);
            }
          },
          cancel: (reason) => reader.cancel(reason),
        });
        return new Response(counted, { status: res.status, statusText: res.statusText, headers: res.headers });
      };
      window.__peakHeap = 0;
      setInterval(() => {
        if (performance.memory) window.__peakHeap = Math.max(window.__peakHeap, performance.memory.usedJSHeapSize);
      }, 100);
      document.addEventListener('playing', e => {
        if (e.target.tagName === 'VIDEO' && window.__firstPlaying == null) window.__firstPlaying = performance.now();
      }, true);
      """;

  @TempDir static Path data;
  static LiveNode live;
  static Chromium chromium;
  static HostileOrigin hostile;
  static Run honest;

  /** One viewer's run against the hostile origin in one mode. */
  record Run(Mode mode, double startupMs, long peakHeap, long bytesReadFromHostile, long bytesReceivedFromHostile,
      String origin, Counts counts) {}

  @BeforeAll
  static void start() throws Exception {
    live = LiveNode.start(data, "src", 400);
    chromium = new Chromium();
    hostile = new HostileOrigin(live.node.publicUrl());
    live.awaitSegments("src", 6, Duration.ofSeconds(40));
    honest = watch(Mode.HONEST);
    report(honest);
  }

  @AfterAll
  static void stop() {
    if (hostile != null) {
      hostile.close();
    }
    if (chromium != null) {
      chromium.close();
    }
    if (live != null) {
      live.close();
    }
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = {"ENDLESS_BODY", "OVERSIZE_BODY", "TRICKLE", "SEGMENT_503"})
  void aHostileHintCostsAtMostTheSignedBytesAndTheViewerMovesToTheSignedOrigin(Mode mode) throws Exception {
    Run run = watch(mode);
    report(run);
    Counts c = run.counts();
    assertThat(c.segmentRequests()).as("the hostile origin was tried").isPositive();
    assertThat(run.origin()).as("the current origin is the healthy one of the announce")
        .isEqualTo(live.node.publicUrl());
    // Every segment try at the hostile origin was refused: each may cost its signed bytes plus slack.
    assertThat(run.bytesReadFromHostile()).as("segment bytes the page read from the hostile origin")
        .isLessThanOrEqualTo(c.signedSegmentBytes() + SLACK_PER_REFUSED_TRY * c.segmentRequests());
    assertThat(run.bytesReceivedFromHostile()).as("segment bytes the browser received from the hostile origin")
        .isLessThanOrEqualTo(c.signedSegmentBytes() + BROWSER_READ_AHEAD_PER_TRY * c.segmentRequests());
    assertThat(run.peakHeap()).as("peak JS heap").isPositive().isLessThan(HEAP_LIMIT);
    // Beyond the normal start-up, the target is two segment durations; the bound allows one more for
    // the live edge's jitter between two runs (docs/benchmarks.md has the measured figures).
    assertThat(run.startupMs() - honest.startupMs()).as("start-up beyond the honest run's, ms")
        .isLessThan(3 * SEGMENT_SECONDS * 1000);
  }

  /** A fresh browser watching through the hostile origin in {@code mode} until it plays; then closed. */
  static Run watch(Mode mode) {
    hostile.mode(mode);
    Page page = chromium.newViewer(List.of("--enable-precise-memory-info"));
    AtomicLong fromHostile = receivedFrom(page, hostile.url());
    page.addInitScript(PROBES.replace("HOSTILE", hostile.url()));
    page.navigate(live.watchUrl() + "?hint=" + hostile.url());
    Await.until(page, Duration.ofSeconds(60), "playing with the hostile origin in " + mode,
        s -> s.state().equals("playing") && s.verifiedSegments() >= 3 && s.currentTime() > 2);
    double startup = ((Number) page.evaluate("() => window.__firstPlaying")).doubleValue();
    long heap = ((Number) page.evaluate("() => window.__peakHeap")).longValue();
    String origin = ViewerTamperTest.currentOrigin(page);
    long read = ((Number) page.evaluate("() => window.__hostileSegmentBytes")).longValue();
    long received = fromHostile.get();
    page.context().browser().close();
    // An endless or trickling answer ends when its client has gone: then the counts are final.
    await().atMost(Duration.ofSeconds(10)).until(() -> hostile.answering() == 0);
    return new Run(mode, startup, heap, read, received, origin, hostile.counts(mode));
  }

  /** Segment bytes the browser's network stack received from {@code base} (DevTools protocol). */
  static AtomicLong receivedFrom(Page page, String base) {
    CDPSession cdp = page.context().newCDPSession(page);
    Map<String, Boolean> ours = new ConcurrentHashMap<>();
    AtomicLong bytes = new AtomicLong();
    cdp.on("Network.requestWillBeSent", (JsonObject e) -> {
      String url = e.getAsJsonObject("request").get("url").getAsString();
      if (url.startsWith(base) && url.endsWith(".ts")) {
        ours.put(e.get("requestId").getAsString(), true);
      }
    });
    cdp.on("Network.dataReceived", (JsonObject e) -> {
      if (ours.containsKey(e.get("requestId").getAsString())) {
        bytes.addAndGet(e.get("dataLength").getAsLong());
      }
    });
    cdp.send("Network.enable");
    return bytes;
  }

  static void report(Run r) {
    Counts c = r.counts();
    System.out.printf("hostile origin %-13s first playing %6.0f ms (%+6.0f vs honest), hostile: %d segment tries,"
            + " page read %d B, browser received %d B, origin wrote %d B, signed %d B; peak heap %.1f MB; now at %s%n",
        r.mode(), r.startupMs(), r.startupMs() - (honest == null ? r.startupMs() : honest.startupMs()),
        c.segmentRequests(), r.bytesReadFromHostile(), r.bytesReceivedFromHostile(), c.segmentBytesWritten(),
        c.signedSegmentBytes(),
        r.peakHeap() / 1e6, r.origin());
  }
}
