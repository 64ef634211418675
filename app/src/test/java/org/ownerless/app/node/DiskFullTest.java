package org.ownerless.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ownerless.app.testing.NodeProcess;
import org.ownerless.app.testing.TestPublisher;
import org.ownerless.protocol.crypto.KeyFile;
import org.ownerless.protocol.crypto.PublicKey;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.merkle.MerkleTree;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.verify.Problem;
import org.ownerless.protocol.verify.Verifier;

/**
 * ENOSPC mid-stream (issue 15): the node's data directory is a small tmpfs, filled to the last byte
 * while a real ffmpeg publishes over RTMP, and kept full for several segments and ffmpeg restarts.
 * A verifier watching from outside must never see a listed segment that no signed root covers, nor
 * any other failure; the node stays up and says so once; freeing the space resumes publishing by
 * itself, in the same log, with the publisher still connected (the node drops media while it cannot
 * write, it does not drop the encoder). Afterwards every root of the log is there and signed, every
 * segment is whole, and a fresh node on the same data continues the same log.
 */
@Tag("e2e")
class DiskFullTest {
  private static final String TOKEN = "show?token=crash-token-1";
  /** The manifest service's one line per outage. */
  private static final String OUTAGE_LINE = "publishing paused";
  private static final String RESUMED_LINE = "publishing resumed";
  private static final Duration HELD_FULL = Duration.ofSeconds(8);
  /** ffmpeg's own lines when a run fails to write (about five), the run's exit, the outage line. */
  private static final int MAX_LINES_PER_OUTAGE = 12;

  @Test
  void aFullDiskMidStreamListsNothingUnsignedAndPublishingResumesWhenSpaceReturns() throws Exception {
    Path outside = Files.createTempDirectory("ownerless-diskfull-");
    try (TmpfsMount tmpfs = TmpfsMount.mount(outside.resolve("data"), 16)) {
      long size = streamThroughAFullDisk(tmpfs.dir, outside);
      ManifestRoot stopped = assertEveryRootAndSegmentOnDisk(tmpfs.dir, size, null);
      aFreshNodeContinuesTheLog(tmpfs.dir, outside, stopped);
    } finally {
      deleteRecursively(outside);
    }
  }

  /** Returns the log's size when the node was stopped. */
  private long streamThroughAFullDisk(Path data, Path outside) throws Exception {
    KeyFile.write(data.resolve("creator.key"), Signer.generate(), false);
    Path log = outside.resolve("node.log");
    DiskFiller filler = new DiskFiller(data);
    NodeProcess node = NodeProcess.start(data, log, 0, 0);
    Process ffmpeg = TestPublisher.start(node.rtmpServer, TOKEN, 300, outside.resolve("ffmpeg.log").toFile(),
        "testsrc", 15);
    try {
      VerifierWatch watch = new VerifierWatch(node.streamUrl);
      watch.until(node, size -> size >= 3, Duration.ofSeconds(60));
      watch.failures.clear(); // the playlist's 404 before the first segment; from here on nothing may fail
      int mark = lines(log).size();

      filler.topUp();
      long filledAt = System.nanoTime();
      // The outage: full for several segment durations and ffmpeg restarts, taking back whatever the node frees.
      long whileFull = watch.until(node, size -> System.nanoTime() - filledAt >= HELD_FULL.toNanos(),
          Duration.ofSeconds(30), filler::topUp);
      List<String> outage = lines(log).subList(mark, lines(log).size());
      filler.free();

      long after = watch.until(node, size -> size >= whileFull + 3, Duration.ofSeconds(45));
      String said = String.join("\n", lines(log).subList(mark, lines(log).size()));
      assertThat(ffmpeg.isAlive()).as("the publisher stayed connected through the outage").isTrue();
      assertThat(watch.failures).as("what the verifier saw from outside; the node said:\n" + said).isEmpty();
      assertOneLinePerOutage(outage, lines(log).subList(mark, lines(log).size()));
      return after;
    } finally {
      ffmpeg.destroyForcibly().waitFor();
      node.close();
    }
  }

  /**
   * The outage is said once, plainly, and its end once: no stack trace, and nothing per segment or
   * per ffmpeg restart while it lasts (the restarts are quiet after the first run's failure), so the
   * lines while full are bounded by one failing run's own output, its exit and the outage line.
   */
  private static void assertOneLinePerOutage(List<String> whileFull, List<String> all) {
    String said = "the node said:\n" + String.join("\n", all);
    List<String> logged = whileFull.stream().filter(DiskFullTest::atInfoOrAbove).toList();
    assertThat(count(logged, OUTAGE_LINE)).as(said).isEqualTo(1);
    assertThat(count(logged, "exited with code")).as(said).isLessThanOrEqualTo(1);
    assertThat(logged).as(said).hasSizeLessThanOrEqualTo(MAX_LINES_PER_OUTAGE);
    assertThat(count(all, RESUMED_LINE)).as(said).isEqualTo(1);
    assertThat(all).as(said).noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception"));
  }

  /** A log line at the levels a node logs by default (the test classpath's logback config may add debug). */
  private static boolean atInfoOrAbove(String line) {
    String[] f = line.split("\\s+", 3);
    return f.length == 3 && (f[1].equals("INFO") || f[1].equals("WARN") || f[1].equals("ERROR"));
  }

  private static long count(List<String> lines, String text) {
    return lines.stream().filter(l -> l.contains(text)).count();
  }

  /**
   * Every root of the log on disk, each signed, one log (extending {@code earlier}, if given: same
   * epoch, same entries); every segment whole and as signed. Returns the newest root.
   */
  private static ManifestRoot assertEveryRootAndSegmentOnDisk(Path data, long size, ManifestRoot earlier)
      throws Exception {
    Path rendition;
    try (Stream<Path> found = Files.walk(data.resolve("streams"))) {
      rendition = found.filter(p -> p.getFileName().toString().equals("src")).findFirst().orElseThrow();
    }
    ManifestRoot newest = Verifier.verifyManifest(Files.readAllBytes(rendition.resolve("manifest.json")),
        creator(data)).content();
    assertThat(newest.treeSize()).isGreaterThanOrEqualTo(size);
    MerkleTree tree = new MerkleTree();
    for (long n = 1; n <= newest.treeSize(); n++) {
      Path rootFile = rendition.resolve("roots/" + newest.epoch() + "-" + n + ".json");
      assertThat(rootFile).as("every size of the log has its signed root").exists();
      ManifestRoot root = Verifier.verifyManifest(Files.readAllBytes(rootFile), creator(data)).content();
      SegmentEntry entry = root.entry(n - 1).orElseThrow();
      tree.append(entry.leafHash());
      assertThat(tree.rootHash()).as("root of size " + n + " extends the same log").isEqualTo(root.rootHash());
      byte[] segment = Files.readAllBytes(rendition.resolve(entry.uri()));
      Verifier.verifySegment(entry, segment);
      assertThat(isWholeTransportStream(segment)).as(entry.uri() + " is whole MPEG-TS, not half-written").isTrue();
    }
    assertThat(tree.rootHash()).isEqualTo(newest.rootHash());
    if (earlier != null) {
      assertThat(newest.epoch()).as("the same log, not a new epoch").isEqualTo(earlier.epoch());
      assertThat(tree.rootHash(earlier.treeSize())).as("no fork").isEqualTo(earlier.rootHash());
    }
    return newest;
  }

  private void aFreshNodeContinuesTheLog(Path data, Path outside, ManifestRoot stopped) throws Exception {
    long size = stopped.treeSize();
    try (NodeProcess again = NodeProcess.start(data, outside.resolve("node-again.log"), 0, 0)) {
      Process ffmpeg = TestPublisher.start(again.rtmpServer, TOKEN, 120, outside.resolve("ffmpeg-again.log").toFile(),
          "testsrc", 15);
      try {
        // A new watcher (the first node's ports are gone); the roots on disk show it is the same log.
        VerifierWatch watch = new VerifierWatch(again.streamUrl);
        assertThat(watch.until(again, s -> s >= size + 2, Duration.ofSeconds(60))).isGreaterThanOrEqualTo(size + 2);
        // Until its publisher's first keyframe the restarted node's announce lists no renditions: nothing else.
        assertThat(watch.failures).allSatisfy(f -> assertThat(f.problem()).as(f.toString()).isEqualTo(Problem.UNAVAILABLE));
      } finally {
        ffmpeg.destroyForcibly().waitFor();
      }
    }
    assertEveryRootAndSegmentOnDisk(data, size + 2, stopped);
  }

  private static boolean isWholeTransportStream(byte[] segment) {
    if (segment.length == 0 || segment.length % 188 != 0) {
      return false;
    }
    for (int i = 0; i < segment.length; i += 188) {
      if (segment[i] != 0x47) {
        return false;
      }
    }
    return true;
  }

  private static PublicKey creator(Path data) throws Exception {
    return KeyFile.read(data.resolve("creator.key")).publicKey();
  }

  private static List<String> lines(Path log) throws IOException {
    return Files.readAllLines(log);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
