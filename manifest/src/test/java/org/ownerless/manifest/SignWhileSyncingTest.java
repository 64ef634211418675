package org.ownerless.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.fixtures.Fixtures;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.merkle.MerkleTree;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.verify.Verifier;

/**
 * A segment's root is signed while the log's fdatasync runs, and written only once the entry is
 * durable; a sync that fails publishes nothing and leaves log, tree and files as if the segment had
 * never come, so the next segment takes its place.
 */
class SignWhileSyncingTest {
  private static final long EPOCH = 1;
  @TempDir Path data;
  private final AtomicReference<FailingWrites> disk = new AtomicReference<>();
  private final AtomicInteger clockReads = new AtomicInteger();
  private final Random random = new Random(7);
  private RenditionPublisher publisher;
  private Path dir;

  @BeforeEach
  void open() throws IOException {
    dir = Files.createDirectories(data.resolve("streams/s/src"));
    Path state = Files.createDirectories(data.resolve("state"));
    RenditionLog rlog = RenditionLog.open(state, "src", EPOCH, ch -> {
      FailingWrites w = new FailingWrites(ch);
      disk.set(w);
      return w;
    });
    SigningClock clock = new SigningClock(() -> {
      clockReads.incrementAndGet(); // each root asks for its time once, when it is built to be signed
      return System.currentTimeMillis();
    }, System::nanoTime);
    publisher = new RenditionPublisher(Fixtures.CREATOR, "s", dir, ManifestConfig.defaults(data), rlog, null, clock);
  }

  @AfterEach
  void close() throws IOException {
    publisher.close();
  }

  @Test
  void theRootIsSignedWhileTheLogSyncsAndWrittenOnlyOnceTheEntryIsDurable() throws Exception {
    publisher.add(segment(), null, 2_000_000, false);
    List<String> seenDuringSync = new ArrayList<>();
    int before = clockReads.get();
    disk.get().beforeSync = () -> {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (clockReads.get() == before && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      seenDuringSync.add((clockReads.get() > before ? "signing began" : "no signing") + ", manifest at "
          + publishedSize());
    };
    publisher.add(segment(), null, 2_000_000, false);

    assertThat(seenDuringSync).as("what the sync of entry 1 saw").containsExactly("signing began, manifest at 1");
    assertThat(publishedSize()).isEqualTo(2);
  }

  @Test
  void aSyncThatFailsPublishesNothingAndTheNextSegmentTakesItsPlace() throws Exception {
    publisher.add(segment(), null, 2_000_000, false);
    byte[] manifestBefore = Files.readAllBytes(dir.resolve(StreamLayout.MANIFEST));
    byte[] playlistBefore = Files.readAllBytes(dir.resolve(StreamLayout.MEDIA_PLAYLIST));
    disk.get().syncFails = true;

    assertThatThrownBy(() -> publisher.add(segment(), null, 2_000_000, false))
        .isInstanceOf(IOException.class).hasMessageContaining("Input/output error");
    assertThat(Files.readAllBytes(dir.resolve(StreamLayout.MANIFEST))).isEqualTo(manifestBefore);
    assertThat(Files.readAllBytes(dir.resolve(StreamLayout.MEDIA_PLAYLIST))).isEqualTo(playlistBefore);
    assertThat(publisher.size()).isEqualTo(1);
    assertThat(Files.size(RenditionLog.fileFor(data.resolve("state"), "src", EPOCH)))
        .as("the record is cut from the file").isEqualTo(SegmentLogFile.HEADER
            + SegmentLogFile.taggedRecord(SegmentEntry.LEAF_INPUT_LENGTH));

    disk.get().syncFails = false;
    Path next = segment();
    Digest nextHash = Digest.sha256(Files.readAllBytes(next));
    SegmentEntry entry = publisher.add(next, null, 2_000_000, false);
    assertThat(entry.index()).isEqualTo(1);
    assertThat(entry.sha256()).isEqualTo(nextHash);
    ManifestRoot root = Verifier.verifyManifest(Files.readAllBytes(dir.resolve(StreamLayout.MANIFEST)),
        Fixtures.CREATOR.publicKey()).content();
    assertThat(root.treeSize()).isEqualTo(2);
    publisher.close();
    try (RenditionLog reopened = RenditionLog.open(data.resolve("state"), "src", EPOCH)) {
      assertThat(reopened.size()).isEqualTo(2);
      assertThat(reopened.entry(1)).isEqualTo(entry);
      MerkleTree fresh = new MerkleTree();
      fresh.append(reopened.entry(0).leafHash());
      fresh.append(reopened.entry(1).leafHash());
      assertThat(root.rootHash()).as("the published root is the log's").isEqualTo(fresh.rootHash());
    }
  }

  private long publishedSize() {
    try {
      return Verifier.verifyManifest(Files.readAllBytes(dir.resolve(StreamLayout.MANIFEST)),
          Fixtures.CREATOR.publicKey()).content().treeSize();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private Path segment() throws IOException {
    byte[] bytes = new byte[4096 + random.nextInt(4096)];
    random.nextBytes(bytes);
    Path f = Files.createTempFile(data, "seg-", ".ts");
    Files.write(f, bytes);
    return f;
  }
}
