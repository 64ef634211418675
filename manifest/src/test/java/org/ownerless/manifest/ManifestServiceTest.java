package org.ownerless.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.ingest.transcode.RenditionSpec;
import org.ownerless.ingest.transcode.SegmentReady;
import org.ownerless.ingest.transcode.SelectedRendition;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.fixtures.Fixtures;
import org.ownerless.protocol.layout.MediaPlaylist;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.model.EpochLink;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.model.StreamStatus;
import org.ownerless.protocol.verify.Problem;
import org.ownerless.protocol.verify.RootTracker;
import org.ownerless.protocol.verify.Signed;
import org.ownerless.protocol.verify.VerificationException;
import org.ownerless.protocol.verify.Verifier;
import org.slf4j.LoggerFactory;

class ManifestServiceTest {
  @TempDir Path data;
  private final Random random = new Random(11);
  private final List<Long> publishNanos = new ArrayList<>();

  private ManifestService service(ManifestConfig config) {
    return new ManifestService(Fixtures.CREATOR, config, (s, r, e, n, c) -> publishNanos.add(n));
  }

  private Path renditionDir(String rendition) {
    return data.resolve("streams").resolve(Fixtures.CREATOR.publicKey().toBase64Url()).resolve("show").resolve(rendition);
  }

  private SegmentReady segment(String rendition, int i) throws IOException {
    Path staged = Files.createTempFile(data, "staged-", ".ts");
    byte[] bytes = new byte[1000 + random.nextInt(5000)];
    random.nextBytes(bytes);
    Files.write(staged, bytes);
    return new SegmentReady(rendition, staged, i * 2.0, i * 2.0 + 2.0 + (i % 3) * 0.0005, 1);
  }

  private Signed<ManifestRoot> manifest(String rendition) throws Exception {
    return Verifier.verifyManifest(Files.readAllBytes(renditionDir(rendition).resolve("manifest.json")),
        Fixtures.CREATOR.publicKey());
  }

  private static List<SelectedRendition> ladder() {
    return List.of(new SelectedRendition(RenditionSpec.sourceCopy(), 640, 360, "avc1.64001e,mp4a.40.2", 2_000_000));
  }

  @Test
  void everySegmentIsSignedBeforeThePlaylistListsItAndTheyAgreeExactly() throws Exception {
    try (ManifestService s = service(ManifestConfig.defaults(data))) {
      s.open("show");
      s.onRenditions("show", ladder());
      s.onPublisherChange("show", true);
      RootTracker tracker = new RootTracker();
      for (int i = 0; i < 25; i++) {
        s.onSegment("show", segment("src", i), i == 12);
        if (i == 14) {
          assertThat(Files.readString(renditionDir("src").resolve("index.m3u8"))).contains("#EXT-X-DISCONTINUITY\n");
        }
        Signed<ManifestRoot> root = manifest("src");
        tracker.accept(root); // each new root is linked to the previous one by its consistency proof
        ManifestRoot m = root.content();
        assertThat(m.treeSize()).isEqualTo(i + 1);
        assertThat(m.window()).hasSize(Math.min(i + 1, 15));
        String playlist = Files.readString(renditionDir("src").resolve("index.m3u8"));
        List<SegmentEntry> listed = m.window().subList(Math.max(0, m.window().size() - 10), m.window().size());
        assertThat(playlist).contains("#EXT-X-MEDIA-SEQUENCE:" + listed.get(0).index() + "\n");
        for (SegmentEntry e : listed) {
          assertThat(playlist).contains("#EXTINF:" + MediaPlaylist.formatDuration(e.durationUs()) + ",\n" + e.uri() + "\n");
          assertThat(Digest.sha256(Files.readAllBytes(renditionDir("src").resolve(e.uri())))).isEqualTo(e.sha256());
        }
      }
      assertThat(manifest("src").content().entry(12).orElseThrow().discontinuity()).isTrue();
      // The discontinuity slid out of the playlist window; players still need to count it.
      assertThat(Files.readString(renditionDir("src").resolve("index.m3u8"))).contains("#EXT-X-DISCONTINUITY-SEQUENCE:1\n");
      assertThat(Files.readAllBytes(renditionDir("src").resolve("roots/1-25.json")))
          .isEqualTo(Files.readAllBytes(renditionDir("src").resolve("manifest.json")));
      try (var files = Files.walk(renditionDir("src"))) {
        assertThat(files.filter(f -> f.getFileName().toString().startsWith("."))).as("no temp or link files left").isEmpty();
      }
      assertThat(publishNanos).hasSize(25);
    }
  }

  @Test
  void everythingPublishedIsReadableByAnotherUsersWebServerAndTheStateStaysOwnerOnly() throws Exception {
    try (ManifestService s = service(ManifestConfig.defaults(data))) {
      s.open("show");
      s.onRenditions("show", ladder());
      s.onPublisherChange("show", true);
      for (int i = 0; i < 3; i++) {
        s.onSegment("show", segment("src", i), false); // staged owner-only, as a temp file is
      }
    }
    try (var paths = Files.walk(data.resolve("streams"))) {
      for (Path p : paths.toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as("%s", data.relativize(p))
            .isEqualTo(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--");
      }
    }
    try (var paths = Files.walk(data)) {
      for (Path p : paths.filter(Files::isRegularFile).filter(f -> !f.startsWith(data.resolve("streams"))).toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as("%s", data.relativize(p))
            .isEqualTo("rw-------");
      }
    }
  }

  @Test
  void theAnnounceFollowsTheStreamAndTheEndListsTheWholeLog() throws Exception {
    ManifestConfig config = ManifestConfig.defaults(data).withEndAfter(java.time.Duration.ofMillis(100));
    Path announceFile = renditionDir("src").getParent().resolve("announce.json");
    try (ManifestService s = service(config)) {
      s.open("show");
      assertThat(announce(announceFile).status()).isEqualTo(StreamStatus.ENDED);
      s.onRenditions("show", ladder());
      assertThat(announce(announceFile).renditions()).extracting(r -> r.name()).containsExactly("src");
      s.onPublisherChange("show", true);
      assertThat(announce(announceFile).status()).isEqualTo(StreamStatus.LIVE);
      for (int i = 0; i < 20; i++) {
        s.onSegment("show", segment("src", i), false);
      }
      s.onPublisherChange("show", false);
      Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
          .until(() -> announce(announceFile).status() == StreamStatus.ENDED);
      assertThat(manifest("src").content().window()).hasSize(20); // the recording, whole
      String playlist = Files.readString(renditionDir("src").resolve("index.m3u8"));
      assertThat(playlist).contains("#EXT-X-MEDIA-SEQUENCE:0\n").endsWith("#EXT-X-ENDLIST\n");
    }
  }

  @Test
  void aRestartContinuesTheLogAtTheSameSizeAndRootWithADiscontinuity() throws Exception {
    ManifestRoot before;
    try (ManifestService s = service(ManifestConfig.defaults(data))) {
      s.open("show");
      s.onRenditions("show", ladder());
      for (int i = 0; i < 7; i++) {
        s.onSegment("show", segment("src", i), false);
      }
      before = manifest("src").content();
    }
    RootTracker tracker = new RootTracker();
    tracker.accept(manifest("src"));
    try (ManifestService s = service(ManifestConfig.defaults(data))) {
      s.open("show");
      ManifestRoot reopened = manifest("src").content();
      assertThat(reopened.treeSize()).isEqualTo(7);
      assertThat(reopened.rootHash()).isEqualTo(before.rootHash());
      assertThat(reopened.epoch()).isEqualTo(before.epoch());
      s.onRenditions("show", ladder());
      s.onSegment("show", segment("src", 7), false);
      Signed<ManifestRoot> next = manifest("src");
      tracker.accept(next);
      assertThat(next.content().entry(7).orElseThrow().discontinuity()).isTrue();
    }
  }

  @Test
  void aTornLastRecordIsCutButDamageInsideTheLogRefusesToStart() throws Exception {
    try (ManifestService s = service(ManifestConfig.defaults(data))) {
      s.open("show");
      s.onRenditions("show", ladder());
      for (int i = 0; i < 5; i++) {
        s.onSegment("show", segment("src", i), false);
      }
    }
    Path log = data.resolve("state/show/src-e1.log");
    Files.write(log, new byte[] {1, 2, 3, 4, 5}, StandardOpenOption.APPEND); // a crash mid-append
    try (ManifestService s = service(ManifestConfig.defaults(data))) {
      s.open("show");
      assertThat(manifest("src").content().treeSize()).isEqualTo(5);
    }
    byte[] bytes = Files.readAllBytes(log);
    bytes[SegmentLogFile.HEADER + SegmentLogFile.taggedRecord(SegmentEntry.LEAF_INPUT_LENGTH) + 20] ^= 1; // record 1 of 5
    Files.write(log, bytes);
    try (ManifestService s = service(ManifestConfig.defaults(data))) {
      assertThatThrownBy(() -> s.open("show")).hasMessageContaining("record 1 is damaged");
    }
  }

  @Test
  void aDeliberateFreshStartIncrementsTheEpochAndNeverReusesANames() throws Exception {
    try (ManifestService s = service(ManifestConfig.defaults(data))) {
      s.open("show");
      s.onRenditions("show", ladder());
      s.onSegment("show", segment("src", 0), false);
    }
    String firstName = manifest("src").content().window().get(0).uri();
    try (ManifestService s = service(ManifestConfig.defaults(data).withNewEpoch(true))) {
      s.open("show");
      assertThat(s.epoch("show")).isEqualTo(2);
      s.onRenditions("show", ladder());
      s.onSegment("show", segment("src", 0), false);
      ManifestRoot m = manifest("src").content();
      assertThat(m.epoch()).isEqualTo(2);
      assertThat(m.treeSize()).isEqualTo(1);
      assertThat(m.window().get(0).uri()).isNotEqualTo(firstName).startsWith("seg-2-");
    }
    assertThat(renditionDir("src").resolve(firstName)).exists();
  }

  @Test
  void aNewEpochLinksToWhereTheLastOneEndedKeepsItsRootsAndSignsTheSameLinkAfterARestart() throws Exception {
    try (ManifestService s = service(ManifestConfig.defaults(data))) {
      s.open("show");
      s.onRenditions("show", ladder());
      for (int i = 0; i < 6; i++) {
        s.onSegment("show", segment("src", i), false);
      }
    }
    Signed<ManifestRoot> end = manifest("src");
    RootTracker watcher = new RootTracker();
    watcher.accept(end);
    ManifestRoot first;
    try (ManifestService s = service(ManifestConfig.defaults(data).withNewEpoch(true))) {
      s.open("show");
      s.onRenditions("show", ladder());
      s.onSegment("show", segment("src", 0), false);
      Signed<ManifestRoot> next = manifest("src");
      first = next.content();
      assertThat(first.previous()).isEqualTo(new EpochLink(1, 6, end.content().rootHash()));
      watcher.accept(next); // a viewer holding epoch 1's last root follows the link without a walk
      assertThat(watcher.last().orElseThrow().content().epoch()).isEqualTo(2);
      // Epoch 1's roots stay where a reader crossing the boundary later may walk them.
      assertThat(renditionDir("src").resolve(StreamLayout.root(1, 6))).exists();
      assertThat(renditionDir("src").resolve(StreamLayout.root(2, 1))).exists();
    }
    // The published epoch-1 manifest is gone now; a restart must still sign the very same link.
    try (ManifestService s = service(ManifestConfig.defaults(data))) {
      s.open("show");
      s.onRenditions("show", ladder());
      s.onSegment("show", segment("src", 1), false);
      Signed<ManifestRoot> after = manifest("src");
      assertThat(after.content().previous()).isEqualTo(first.previous());
      watcher.accept(after);
    }
  }

  @Test
  void aRootReSignedAtTheSameSizeKeepsItsProofSoAGapWalkThroughItsFileStillLinks() throws Exception {
    ManifestConfig config = ManifestConfig.defaults(data).withEndAfter(java.time.Duration.ofMillis(100));
    try (ManifestService s = service(config)) {
      s.open("show");
      s.onRenditions("show", ladder());
      s.onPublisherChange("show", true);
      for (int i = 0; i < 5; i++) {
        s.onSegment("show", segment("src", i), false);
      }
      s.onPublisherChange("show", false); // the end re-signs size 5 with the whole log
      Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
          .until(() -> manifest("src").content().window().size() == 5 && Files.readString(
              renditionDir("src").resolve("index.m3u8")).contains("#EXT-X-ENDLIST"));
    }
    // A reader holding size 4 walks to 5 through roots/1-5.json: that file must still link 4 to 5.
    RootTracker reader = new RootTracker();
    reader.accept(Verifier.verifyManifest(Files.readAllBytes(renditionDir("src").resolve(StreamLayout.root(1, 4))),
        Fixtures.CREATOR.publicKey()));
    reader.accept(Verifier.verifyManifest(Files.readAllBytes(renditionDir("src").resolve(StreamLayout.root(1, 5))),
        Fixtures.CREATOR.publicKey()));
    assertThat(reader.last().orElseThrow().content().treeSize()).isEqualTo(5);
    // So must the one a restart re-signs.
    try (ManifestService s = service(config)) {
      s.open("show");
    }
    assertThat(manifest("src").content().consistency().size1()).isEqualTo(4);
  }

  @Test
  void aNewEpochAfterTheDataWasLostLinksToTheOldLogFileSoViewersCanStillFollow() throws Exception {
    try (ManifestService s = service(ManifestConfig.defaults(data))) {
      s.open("show");
      s.onRenditions("show", ladder());
      for (int i = 0; i < 4; i++) {
        s.onSegment("show", segment("src", i), false);
      }
    }
    Signed<ManifestRoot> end = manifest("src");
    Files.delete(renditionDir("src").resolve("manifest.json")); // the served files lost; the state kept
    try (ManifestService s = service(ManifestConfig.defaults(data).withNewEpoch(true))) {
      s.open("show");
      s.onRenditions("show", ladder());
      s.onSegment("show", segment("src", 0), false);
      assertThat(manifest("src").content().previous()).isEqualTo(new EpochLink(1, 4, end.content().rootHash()));
    }
  }

  @Test
  void theAnnounceSignsEachLogsSizeAndItsSeqOutgrowsAStoredOneEvenWithTheClockBehind() throws Exception {
    Path announceFile = renditionDir("src").getParent().resolve("announce.json");
    long future = System.currentTimeMillis() + 3_600_000; // as if the clock had stepped back an hour since
    Files.createDirectories(data.resolve("state/show"));
    Files.writeString(data.resolve("state/show/announce.seq"), future + "\n");
    try (ManifestService s = service(ManifestConfig.defaults(data))) {
      s.open("show");
      assertThat(announce(announceFile).seq()).isEqualTo(future + 1);
      s.onRenditions("show", ladder());
      s.onPublisherChange("show", true);
      for (int i = 0; i < 3; i++) {
        s.onSegment("show", segment("src", i), false);
      }
      StreamAnnounce live = announce(announceFile);
      assertThat(live.seq()).isGreaterThan(future + 1);
      assertThat(live.expiresAtMs() - live.issuedAtMs()).isEqualTo(60_000); // short-lived while live
      assertThat(live.log("src").orElseThrow().epoch()).isEqualTo(1);
      // Re-signed every 10 s with the sizes then: wait for one that has seen all three segments.
      Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
          .until(() -> announce(announceFile).log("src").orElseThrow().treeSize() == 3);
    }
    assertThat(Long.parseLong(Files.readString(data.resolve("state/show/announce.seq")).strip()))
        .isEqualTo(announce(announceFile).seq());
  }

  @Test
  void aSlidingRetentionDeletesSegmentsThatLeftTheManifest() throws Exception {
    try (ManifestService s = service(ManifestConfig.defaults(data).withRetention(20))) {
      s.open("show");
      s.onRenditions("show", ladder());
      for (int i = 0; i < 30; i++) {
        s.onSegment("show", segment("src", i), false);
      }
    }
    try (var files = Files.list(renditionDir("src"))) {
      assertThat(files.filter(p -> p.toString().endsWith(".ts")).count()).isEqualTo(20);
    }
    assertThat(renditionDir("src").resolve("seg-1-000009.ts")).doesNotExist();
    assertThat(renditionDir("src").resolve("seg-1-000010.ts")).exists();
  }

  /**
   * Writes to the data directory failing mid-stream (issue 15: a full disk), injected by putting a
   * file where roots/ was: every root write fails, and no playlist may list what no root covers, nor
   * may the announce sign a size no root was published for. Once writes work again the next segment
   * publishes the roots the log reached meanwhile too, so a reader that missed them walks the chain.
   */
  @Test
  void rootsThatCouldNotBeWrittenArePublishedWithTheNextOneAndNothingUnsignedIsListedOrAnnounced() throws Exception {
    Path announceFile = renditionDir("src").getParent().resolve("announce.json");
    Path roots = renditionDir("src").resolve("roots");
    try (ManifestService s = service(ManifestConfig.defaults(data))) {
      s.open("show");
      s.onRenditions("show", ladder());
      s.onPublisherChange("show", true);
      for (int i = 0; i < 3; i++) {
        s.onSegment("show", segment("src", i), false);
      }
      Signed<ManifestRoot> before = manifest("src");
      String playlist = Files.readString(renditionDir("src").resolve("index.m3u8"));
      Path aside = roots.resolveSibling("roots-aside");
      Files.move(roots, aside);
      Files.writeString(roots, "not a directory");

      s.onSegment("show", segment("src", 3), false);
      s.onSegment("show", segment("src", 4), false);
      assertThat(Files.readString(renditionDir("src").resolve("index.m3u8"))).isEqualTo(playlist);
      assertThat(manifest("src").content().treeSize()).isEqualTo(3);
      s.onRenditions("show", ladder()); // signs the announce now
      assertThat(announce(announceFile).log("src").orElseThrow().treeSize()).isEqualTo(3);

      Files.delete(roots);
      Files.move(aside, roots);
      s.onSegment("show", segment("src", 5), false);
      assertThat(manifest("src").content().treeSize()).isEqualTo(6);
      RootTracker reader = new RootTracker();
      reader.accept(before);
      reader.accept(manifest("src"), this::rootOnDisk);
      for (long size = 4; size <= 5; size++) {
        assertThat(rootOnDisk(1, size).content().treeSize()).isEqualTo(size);
      }
    }
  }

  @Test
  void anOutageIsLoggedOnceWhateverFailsDuringItAndItsEndOnce() throws Exception {
    ch.qos.logback.classic.Logger outageLog = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(PublishOutage.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    outageLog.addAppender(lines);
    Path roots = renditionDir("src").resolve("roots");
    try (ManifestService s = service(ManifestConfig.defaults(data))) {
      s.open("show");
      s.onRenditions("show", ladder());
      s.onPublisherChange("show", true);
      s.onSegment("show", segment("src", 0), false);
      Files.move(roots, roots.resolveSibling("roots-aside"));
      Files.writeString(roots, "not a directory");
      for (int i = 1; i < 6; i++) {
        s.onSegment("show", segment("src", i), false);
        s.onFfmpegExit("show", i, 1, true, List.of("av_interleaved_write_frame(): No space left on device"));
      }
      Files.delete(roots);
      Files.move(roots.resolveSibling("roots-aside"), roots);
      s.onSegment("show", segment("src", 6), false);
      s.onSegment("show", segment("src", 7), false);
    } finally {
      outageLog.detachAppender(lines);
    }
    List<String> said = lines.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
        .map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(said).hasSize(2);
    assertThat(said.get(0)).startsWith("show: publishing paused: ").contains("roots").doesNotContain("\n");
    assertThat(said.get(1)).startsWith("show: publishing resumed after ");
  }

  /** A root under roots/, as a reader walking a gap fetches it. */
  private Signed<ManifestRoot> rootOnDisk(long epoch, long size) throws VerificationException {
    try {
      return Verifier.verifyManifest(Files.readAllBytes(renditionDir("src").resolve(StreamLayout.root(epoch, size))),
          Fixtures.CREATOR.publicKey());
    } catch (IOException e) {
      throw new VerificationException(Problem.UNAVAILABLE, e.toString());
    }
  }

  private static StreamAnnounce announce(Path file) throws Exception {
    return Verifier.verifyAnnounce(Files.readAllBytes(file), Fixtures.CREATOR.publicKey(), System.currentTimeMillis())
        .content();
  }
}
