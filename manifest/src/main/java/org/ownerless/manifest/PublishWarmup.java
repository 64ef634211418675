package org.ownerless.manifest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.ownerless.ingest.transcode.RenditionSpec;
import org.ownerless.ingest.transcode.SelectedRendition;
import org.ownerless.net.Directories;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.TipTargets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole segment publishing path (hash, move, log append with fdatasync, build, sign, write
 * manifest, root and playlist, retention) on a throwaway key in a throwaway directory, so that the
 * JIT has compiled it before the first real segment. A node runs that path once per rendition per
 * segment, a few times a second, which stays below the JIT's thresholds for a whole stream: without
 * this it runs as interpreted or C1 code (docs/benchmarks.md, issues 4 and 17). Nothing it writes is
 * signed by the creator's key, and nothing is left behind.
 */
public final class PublishWarmup {
  private static final Logger log = LoggerFactory.getLogger(PublishWarmup.class);
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  /** About an eighth of a 1 s segment at a few Mbit/s: enough to compile the hashing loop, cheap to write. */
  private static final int SEGMENT_BYTES = 128 * 1024;
  private static final String STREAM = "warmup";

  /** What a warm-up did. */
  public record Result(int segments, long cpuNanos, long wallNanos) {}

  /** The default bounds: 1.5 s of one core, at most 1,500 segments or 20 s of wall time. */
  public static final Duration CPU_BUDGET = Duration.ofMillis(1500);
  public static final int MAX_SEGMENTS = 1500;
  public static final Duration WALL_LIMIT = Duration.ofSeconds(20);

  private PublishWarmup() {}

  /** Starts a warm-up on a daemon thread with the default bounds; failures are logged, never thrown. */
  public static Thread startInBackground(ManifestConfig like, boolean fmp4) {
    return startInBackground(like, fmp4, Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** As {@link #startInBackground(ManifestConfig, boolean)}, its scratch directory made in {@code tempParent}. */
  static Thread startInBackground(ManifestConfig like, boolean fmp4, Path tempParent) {
    Thread t = new Thread(() -> {
      Path scratch = null;
      try {
        scratch = Files.createTempDirectory(tempParent, "ownerless-warmup-");
        Result r = run(like, fmp4, scratch, CPU_BUDGET, MAX_SEGMENTS, WALL_LIMIT);
        log.debug("publishing path warmed up: {} segments, {} ms CPU, {} ms", r.segments(), r.cpuNanos() / 1_000_000,
            r.wallNanos() / 1_000_000);
      } catch (IOException | RuntimeException e) {
        // Only slower first segments follow from this; the node publishes as before.
        log.debug("publishing path warm-up stopped: {}", e.toString());
      } finally {
        Directories.deleteQuietly(scratch);
      }
    }, "publish-warmup");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /**
   * Publishes throwaway segments under {@code scratch} with the windows and
   * segment duration of {@code like}, until one of the bounds is reached; {@code scratch} is deleted
   * afterwards.
   */
  public static Result run(ManifestConfig like, boolean fmp4, Path scratch, Duration cpuBudget, int maxSegments,
      Duration wallLimit) throws IOException {
    long wallStart = System.nanoTime();
    long cpuStart = CPU.getCurrentThreadCpuTime();
    int signed = org.ownerless.protocol.layout.LiveWindow.manifestWindow(like.playlistWindow());
    // Same windows as the node's, but a short retention: the scratch directory stays small.
    ManifestConfig config = new ManifestConfig(scratch.resolve("data"), "", List.of(), List.of(), TipTargets.NONE,
        like.latency(), like.playlistWindow(), signed, like.endAfter(), like.announceTtl(), like.segmentSeconds(),
        false);
    Path work = Files.createDirectories(scratch.resolve("work"));
    byte[] media = new byte[SEGMENT_BYTES];
    Random random = new Random(17);
    int segments = 0;
    StreamPublisher stream = new StreamPublisher(throwawayKey(), STREAM, config, SigningClock.system());
    try {
      SelectedRendition rendition = new SelectedRendition(RenditionSpec.sourceCopy(), 640, 360, "avc1.64001e",
          1_000_000);
      stream.onRenditions(List.of(rendition));
      Path init = fmp4 ? Files.write(work.resolve("init.mp4"), new byte[] {0, 0, 0, 8, 'f', 't', 'y', 'p'}) : null;
      long durationUs = Math.round(like.segmentSeconds() * 1_000_000);
      long cpuLimit = cpuBudget.toNanos();
      long wallLimitNanos = wallLimit.toNanos();
      while (segments < maxSegments && CPU.getCurrentThreadCpuTime() - cpuStart < cpuLimit
          && System.nanoTime() - wallStart < wallLimitNanos && !Thread.currentThread().isInterrupted()) {
        random.nextBytes(media);
        Path file = Files.write(work.resolve("segment" + (fmp4 ? ".m4s" : ".ts")), media);
        stream.onSegment(rendition.name(), file, init, durationUs, false);
        segments++;
      }
    } finally {
      stream.discard();
      Directories.deleteQuietly(scratch);
    }
    return new Result(segments, CPU.getCurrentThreadCpuTime() - cpuStart, System.nanoTime() - wallStart);
  }

  /** A key made for this warm-up and forgotten after it: nothing it signs can pass for the creator's. */
  private static Signer throwawayKey() {
    byte[] seed = new byte[Signer.SEED_LENGTH];
    new SecureRandom().nextBytes(seed);
    return Signer.fromSeed(seed);
  }
}
