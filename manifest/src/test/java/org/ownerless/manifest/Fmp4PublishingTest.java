package org.ownerless.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.ingest.transcode.RenditionSpec;
import org.ownerless.ingest.transcode.SelectedRendition;
import org.ownerless.manifest.testing.FfmpegFmp4;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.fixtures.Fixtures;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.model.InitSection;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.verify.RootTracker;
import org.ownerless.protocol.verify.Signed;
import org.ownerless.protocol.verify.Verifier;

/** fMP4/CMAF renditions (issue 16): real ffmpeg segments, their init section signed and logged with them. */
@Tag("e2e") // real ffmpeg
class Fmp4PublishingTest {
  @TempDir static Path encoded;
  static FfmpegFmp4 source;
  @TempDir Path data;

  @BeforeAll
  static void encode() throws Exception {
    source = FfmpegFmp4.encode(encoded.resolve("fmp4"), 6);
    assertThat(source.count()).as("one-second segments of a six-second encode").isGreaterThanOrEqualTo(5);
  }

  private ManifestService service() {
    return new ManifestService(Fixtures.CREATOR, ManifestConfig.defaults(data), (s, r, e, n, c) -> { });
  }

  private Path renditionDir() {
    return data.resolve("streams").resolve(Fixtures.CREATOR.publicKey().toBase64Url()).resolve("show").resolve("src");
  }

  private Signed<ManifestRoot> manifest() throws Exception {
    return Verifier.verifyManifest(Files.readAllBytes(renditionDir().resolve(StreamLayout.MANIFEST)),
        Fixtures.CREATOR.publicKey());
  }

  private static List<SelectedRendition> ladder() {
    return List.of(new SelectedRendition(RenditionSpec.sourceCopy(), 320, 180, "avc1.64000d,mp4a.40.2", 500_000));
  }

  private void publish(ManifestService s, int from, int to) throws Exception {
    for (int i = from; i < to; i++) {
      s.onSegment("show", source.ready("src", i, data), false);
    }
  }

  @Test
  void anFmp4SegmentIsPublishedWithItsInitSectionSignedInTheRootAndTheLeaf() throws Exception {
    byte[] initBytes = Files.readAllBytes(source.init());
    Digest initSha = Digest.sha256(initBytes);
    try (ManifestService s = service()) {
      s.open("show");
      s.onRenditions("show", ladder());
      s.onPublisherChange("show", true);
      RootTracker tracker = new RootTracker();
      for (int i = 0; i < source.count(); i++) {
        s.onSegment("show", source.ready("src", i, data), false);
        tracker.accept(manifest());
      }
    }
    ManifestRoot m = manifest().content();
    InitSection init = new InitSection("init-" + initSha.hex().substring(0, 16) + ".mp4", initSha, initBytes.length);
    assertThat(m.inits()).containsExactly(init);
    assertThat(Files.readAllBytes(renditionDir().resolve(init.uri()))).as("the init, published under its content name")
        .isEqualTo(initBytes);
    for (SegmentEntry e : m.window()) {
      assertThat(e.uri()).isEqualTo(StreamLayout.segment(1, e.index(), true)).endsWith(".m4s");
      assertThat(e.init()).isEqualTo(init);
      assertThat(e.leafInput()).hasSize(SegmentEntry.LEAF_INPUT_LENGTH_WITH_INIT);
      assertThat(Files.readAllBytes(renditionDir().resolve(e.uri())))
          .isEqualTo(Files.readAllBytes(source.segment((int) e.index())));
    }
    String playlist = Files.readString(renditionDir().resolve(StreamLayout.MEDIA_PLAYLIST));
    assertThat(playlist).contains("#EXT-X-VERSION:7\n");
    assertThat(playlist.split("#EXT-X-MAP:", -1)).as("one EXT-X-MAP for one init").hasSize(2);
    assertThat(playlist).contains("#EXT-X-MAP:URI=\"" + init.uri() + "\"\n#EXTINF:");
    byte[] header = Arrays.copyOf(Files.readAllBytes(data.resolve("state/show/src-e1.log")), 8);
    assertThat(new String(header, StandardCharsets.US_ASCII)).isEqualTo("OLSEGLG2");
  }

  @Test
  void aRestartRebuildsTheWindowWithItsInitFromTheLogAndContinuesTheSameRoot() throws Exception {
    ManifestRoot before;
    try (ManifestService s = service()) {
      s.open("show");
      s.onRenditions("show", ladder());
      publish(s, 0, 3);
      before = manifest().content();
    }
    try (ManifestService s = service()) {
      s.open("show");
      ManifestRoot resigned = manifest().content();
      assertThat(resigned.epoch()).isEqualTo(before.epoch());
      assertThat(resigned.treeSize()).isEqualTo(3);
      assertThat(resigned.rootHash()).as("the same log, rebuilt from its file").isEqualTo(before.rootHash());
      assertThat(resigned.window()).isEqualTo(before.window());
      s.onRenditions("show", ladder());
      publish(s, 3, 5);
    }
    Signed<ManifestRoot> after = manifest();
    RootTracker tracker = new RootTracker();
    for (long size = 3; size <= 4; size++) {
      tracker.accept(Verifier.verifyManifest(Files.readAllBytes(renditionDir().resolve(StreamLayout.root(1, size))),
          Fixtures.CREATOR.publicKey()));
    }
    tracker.accept(after); // each root linked by its consistency proof to the one before, across the restart
    assertThat(after.content().treeSize()).isEqualTo(5);
    assertThat(after.content().entry(3).orElseThrow().discontinuity()).as("a restart is a discontinuity").isTrue();
    assertThat(after.content().inits()).hasSize(1);
  }
}
