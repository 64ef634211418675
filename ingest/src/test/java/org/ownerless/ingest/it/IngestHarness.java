package org.ownerless.ingest.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.ownerless.ingest.IngestConfig;
import org.ownerless.ingest.IngestServer;
import org.ownerless.ingest.testing.HlsPublisher;
import org.ownerless.ingest.testing.SegmentPublished;
import org.ownerless.ingest.transcode.Ladder;
import org.ownerless.ingest.transcode.Progress;
import org.ownerless.ingest.transcode.SegmentReady;
import org.ownerless.ingest.transcode.SelectedRendition;
import org.ownerless.ingest.transcode.TranscodeConfig;
import org.ownerless.ingest.transcode.TranscodeListener;

/** A real ingest server on a free loopback port writing plain HLS into a temp directory. */
final class IngestHarness implements AutoCloseable {
  static final String TOKEN = "test-token-123";

  final Path root;
  final IngestServer server;
  final int port;
  /** -1 unless the configuration asked for RTMPS. */
  final int rtmpsPort;
  final List<SegmentPublished> segments = new CopyOnWriteArrayList<>();
  final List<String> ffmpegExits = new CopyOnWriteArrayList<>();
  final List<Progress> progress = new CopyOnWriteArrayList<>();
  private final HlsPublisher hls;

  IngestHarness(Ladder ladder, Duration idleTimeout) throws IOException, InterruptedException {
    this(ladder, idleTimeout, idleTimeout);
  }

  IngestHarness(Ladder ladder, Duration publishDeadline, Duration idleTimeout)
      throws IOException, InterruptedException {
    this(ladder, publishDeadline, idleTimeout, UnaryOperator.identity());
  }

  /** @param tweak changes the test's ingest configuration (RTMPS, takeover rule) before the server starts */
  IngestHarness(Ladder ladder, Duration publishDeadline, Duration idleTimeout, UnaryOperator<IngestConfig> tweak)
      throws IOException, InterruptedException {
    root = Files.createTempDirectory("ingest-it-");
    // 2 s segments, which HlsOutputAssertions checks; the product default is LiveWindow.DEFAULT_SEGMENT_SECONDS.
    TranscodeConfig transcode = TranscodeConfig.defaults(root.resolve("work")).withLadder(ladder).withSegmentSeconds(2.0);
    IngestConfig config = IngestConfig.defaults("127.0.0.1", 0, TOKEN, transcode)
        .withLimits(64, 16, publishDeadline, idleTimeout);
    config = tweak.apply(config);
    hls = new HlsPublisher(name -> root.resolve("out").resolve(name), 10, transcode.segmentSeconds());
    hls.subscribe(segments::add);
    TranscodeListener listener = new TranscodeListener() {
      @Override
      public void onRenditions(String stream, List<SelectedRendition> renditions) {
        hls.onRenditions(stream, renditions);
      }

      @Override
      public void onSegment(String stream, SegmentReady segment, boolean discontinuity) {
        hls.onSegment(stream, segment, discontinuity);
      }

      @Override
      public void onFfmpegExit(String stream, int run, int exitCode, boolean crashed, List<String> tail) {
        ffmpegExits.add(stream + " run " + run + " exit " + exitCode + (crashed ? " crashed" : ""));
      }

      @Override
      public void onProgress(String stream, Progress p) {
        progress.add(p);
      }
    };
    server = new IngestServer(config, listener);
    port = server.start();
    rtmpsPort = server.rtmpsPort();
  }

  IngestHarness(Ladder ladder) throws IOException, InterruptedException {
    this(ladder, Duration.ofSeconds(10));
  }

  Path streamDir(String stream) {
    return root.resolve("out").resolve(stream);
  }

  List<SegmentPublished> segments(String stream, String rendition) {
    List<SegmentPublished> out = new ArrayList<>();
    for (SegmentPublished s : segments) {
      if (s.stream().equals(stream) && s.rendition().equals(rendition)) {
        out.add(s);
      }
    }
    return out;
  }

  /** Waits (on the condition, polling the event list) until {@code done} holds or the timeout passes. */
  boolean await(Duration timeout, Predicate<IngestHarness> done) {
    try {
      Awaitility.await().atMost(timeout).pollInSameThread().pollInterval(Duration.ofMillis(50))
          .until(() -> done.test(this));
      return true;
    } catch (ConditionTimeoutException e) {
      return done.test(this);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    try (var paths = Files.walk(root)) {
      paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    }
  }
}
