package org.ownerless.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.ingest.transcode.PartReady;
import org.ownerless.ingest.transcode.RenditionSpec;
import org.ownerless.ingest.transcode.SegmentReady;
import org.ownerless.ingest.transcode.SelectedRendition;
import org.ownerless.protocol.fixtures.Fixtures;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.PartEntry;
import org.ownerless.protocol.signing.SignedObject;
import org.ownerless.protocol.verify.RootTracker;
import org.ownerless.protocol.verify.Signed;
import org.ownerless.protocol.verify.Verifier;

/**
 * LL-HLS parts on the node (issue 17): each part is published, then signed into a root of the current
 * size that lists it with the parts before it; the segment's root lists none; a reader's RootTracker
 * accepts the whole sequence; part files go three segments later; a broken run of parts stops the
 * listing at that position rather than sign a second history of it. Bytes are synthetic: the
 * publisher hashes and moves them and never parses them.
 */
class PartsPublishingTest {
  private static final int PART_US = 500_000;
  @TempDir Path data;
  private Path staging;
  private Path init;
  private final RootTracker tracker = new RootTracker();
  private int nextRun;

  @BeforeEach
  void stage() throws Exception {
    staging = Files.createDirectories(data.resolve("staging"));
    init = Files.write(staging.resolve("init-1.mp4"), "ftyp+moov of the test".getBytes());
  }

  private ManifestService service() {
    return new ManifestService(Fixtures.CREATOR, ManifestConfig.defaults(data), (s, r, e, n, c) -> { });
  }

  private ManifestService live() throws Exception {
    ManifestService s = service();
    s.open("show");
    s.onRenditions("show", List.of(new SelectedRendition(RenditionSpec.sourceCopy(), 320, 180,
        "avc1.64000d,mp4a.40.2", 500_000)));
    s.onPublisherChange("show", true);
    return s;
  }

  private Path dir() {
    return data.resolve("streams").resolve(Fixtures.CREATOR.publicKey().toBase64Url()).resolve("show").resolve("src");
  }

  private Signed<ManifestRoot> manifest() throws Exception {
    return Verifier.verifyManifest(Files.readAllBytes(dir().resolve(StreamLayout.MANIFEST)),
        Fixtures.CREATOR.publicKey());
  }

  private static byte[] partBytes(long segment, int index) {
    return ("part " + index + " of segment " + segment).repeat(10).getBytes();
  }

  private void part(ManifestService s, long segment, int index) throws Exception {
    s.onPart("show", new PartReady("src", partBytes(segment, index), PART_US, index == 0, segment, index, nextRun,
        init));
    tracker.accept(manifest());
  }

  /** The segment made of parts 0..count-1 of {@code segment}. */
  private void segment(ManifestService s, long segment, int count) throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int i = 0; i < count; i++) {
      all.writeBytes(partBytes(segment, i));
    }
    Path file = Files.write(staging.resolve(segment + ".m4s"), all.toByteArray());
    s.onSegment("show", new SegmentReady("src", file, segment * 2.0, segment * 2.0 + count * 0.5, nextRun, init),
        false);
    tracker.accept(manifest());
  }

  @Test
  void eachPartIsSignedInARootOfTheCurrentSizeBeforeItsSegmentAndVerifies() throws Exception {
    try (ManifestService s = live()) {
      // The position the node opened at: a previous process may have listed parts there.
      s.onPart("show", new PartReady("src", partBytes(0, 0), PART_US, true, 0, 0, 0, init));
      assertThat(dir().resolve(StreamLayout.MANIFEST)).doesNotExist();
      assertThat(dir().resolve(StreamLayout.part(1, 0, 0))).doesNotExist();
      segment(s, 0, 4);
      List<PartEntry> seen = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        part(s, 1, i);
        ManifestRoot m = manifest().content();
        assertThat(m.treeSize()).isEqualTo(1);
        assertThat(m.parts()).hasSize(i + 1);
        assertThat(m.parts().subList(0, i)).as("the parts signed before, unchanged").isEqualTo(seen);
        PartEntry p = m.parts().get(i);
        assertThat(p.uri()).isEqualTo("seg-1-000001-p" + i + ".m4s").isEqualTo(StreamLayout.part(1, 1, i));
        assertThat(p.durationUs()).isEqualTo(PART_US);
        assertThat(p.independent()).isEqualTo(i == 0);
        assertThat(p.init()).isEqualTo(m.inits().get(0));
        Verifier.verifyPart(p, Files.readAllBytes(dir().resolve(p.uri())));
        seen.add(p);
      }
      assertThat(tracker.last().orElseThrow().content().parts()).hasSize(4);
      ManifestRoot linked = ManifestRoot.fromSigned(SignedObject.parse(Files.readAllBytes(
          dir().resolve(StreamLayout.root(1, 1)))));
      assertThat(linked.parts()).as("roots/E-N.json stays the part-less root a gap walk links through").isEmpty();
      segment(s, 1, 4);
      assertThat(manifest().content().treeSize()).isEqualTo(2);
      assertThat(manifest().content().parts()).isEmpty();
      part(s, 2, 0);
      assertThat(manifest().content().parts()).extracting(PartEntry::uri).containsExactly("seg-1-000002-p0.m4s");
    }
  }

  @Test
  void aPartOutOfOrderStopsTheListingAtThatPositionSoNoSecondHistoryIsSigned() throws Exception {
    try (ManifestService s = live()) {
      segment(s, 0, 4);
      part(s, 1, 0);
      part(s, 1, 2); // part 1 never came
      part(s, 1, 1);
      nextRun++;
      part(s, 1, 0); // a new ffmpeg run starts the segment again: other bytes for part 0
      assertThat(manifest().content().parts()).extracting(PartEntry::uri).containsExactly("seg-1-000001-p0.m4s");
      Verifier.verifyPart(manifest().content().parts().get(0), partBytes(1, 0));
      segment(s, 1, 4);
      part(s, 2, 0);
      part(s, 2, 1);
      assertThat(manifest().content().parts()).hasSize(2);
    }
  }

  @Test
  void aFirstPartThatIsNotIndependentIsNeverListed() throws Exception {
    try (ManifestService s = live()) {
      segment(s, 0, 4);
      s.onPart("show", new PartReady("src", partBytes(1, 0), PART_US, false, 1, 0, 0, init));
      s.onPart("show", new PartReady("src", partBytes(1, 1), PART_US, false, 1, 1, 0, init));
      assertThat(manifest().content().parts()).isEmpty();
      assertThat(dir().resolve(StreamLayout.part(1, 1, 0))).doesNotExist();
    }
  }

  @Test
  void partFilesGoThreeSegmentsAfterTheirOwnAndLeftoversOfAPreviousProcessAtStart() throws Exception {
    try (ManifestService s = live()) {
      segment(s, 0, 2);
      part(s, 1, 0);
      part(s, 1, 1);
      Path first = dir().resolve(StreamLayout.part(1, 1, 0));
      for (int seg = 1; seg <= 3; seg++) {
        segment(s, seg, 2);
        assertThat(first).as("after segment %d", seg).exists();
        part(s, seg + 1, 0);
      }
      segment(s, 4, 2);
      assertThat(first).doesNotExist();
      assertThat(dir().resolve(StreamLayout.part(1, 1, 1))).doesNotExist();
      assertThat(dir().resolve(StreamLayout.part(1, 2, 0))).exists();
      part(s, 5, 0);
    }
    try (ManifestService s = live()) {
      try (var files = Files.list(dir())) {
        assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.contains("-p"));
      }
      part(s, 5, 1);
      assertThat(manifest().content().parts()).as("nothing at the position the node reopened at").isEmpty();
    }
  }
}
