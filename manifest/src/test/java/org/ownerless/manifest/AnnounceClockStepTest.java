package org.ownerless.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.ingest.transcode.RenditionSpec;
import org.ownerless.ingest.transcode.SelectedRendition;
import org.ownerless.protocol.fixtures.Fixtures;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.signing.SignedObject;
import org.ownerless.protocol.verify.Verifier;

/** A stream's signed times across steps of the wall clock (docs/protocol.md §4.4.2). */
class AnnounceClockStepTest {
  private static final long HOUR = 3_600_000;
  @TempDir Path data;
  private final SteppedClock time = new SteppedClock();

  private StreamPublisher publisher() throws Exception {
    StreamPublisher p = new StreamPublisher(Fixtures.CREATOR, "show", ManifestConfig.defaults(data), time.signingClock());
    p.onRenditions(List.of(new SelectedRendition(RenditionSpec.sourceCopy(), 640, 360, "avc1.64001e,mp4a.40.2", 2_000_000)));
    p.live();
    return p;
  }

  private StreamAnnounce announce() throws Exception {
    return Verifier.verifyAnnounce(Files.readAllBytes(streamDir().resolve("announce.json")), Fixtures.CREATOR.publicKey(),
        time.trueMs()).content(); // a viewer whose clock was not stepped accepts it
  }

  /** The announce as signed, whatever its dates (here the step forward may have been a correction). */
  private StreamAnnounce announceAsSigned() throws Exception {
    return StreamAnnounce.fromSigned(SignedObject.parse(Files.readAllBytes(streamDir().resolve("announce.json"))));
  }

  private ManifestRoot root() throws Exception {
    return Verifier.verifyManifest(Files.readAllBytes(streamDir().resolve("src/manifest.json")),
        Fixtures.CREATOR.publicKey()).content();
  }

  private Path streamDir() {
    return data.resolve("streams").resolve(Fixtures.CREATOR.publicKey().toBase64Url()).resolve("show");
  }

  private void addSegment(StreamPublisher p) throws Exception {
    Path staged = Files.createTempFile(data, "staged-", ".ts");
    Files.write(staged, new byte[1000]);
    p.onSegment("src", staged, null, 2_000_000, false);
  }

  @Test
  void aLiveAnnounceIsStillReSignedOnTimeAfterTheWallClockSteppedBack() throws Exception {
    try (StreamPublisher p = publisher()) {
      StreamAnnounce before = announce();
      time.stepWall(-HOUR);
      time.pass(AnnounceSigner.LIVE_RESIGN.toMillis());
      p.refreshAnnounce();
      StreamAnnounce after = announce();
      assertThat(after.seq()).isGreaterThan(before.seq());
      assertThat(after.issuedAtMs()).isEqualTo(before.issuedAtMs() + AnnounceSigner.LIVE_RESIGN.toMillis());
      assertThat(after.expiresAtMs()).as("valid for its whole TTL").isEqualTo(
          time.trueMs() + ManifestConfig.defaults(data).announceTtl().toMillis());
    }
  }

  @Test
  void rootTimesNeverGoBackWhenTheWallClockStepsBack() throws Exception {
    try (StreamPublisher p = publisher()) {
      addSegment(p);
      long first = root().timeMs();
      time.stepWall(-HOUR);
      time.pass(2_000);
      addSegment(p);
      assertThat(root().timeMs()).isEqualTo(first + 2_000);
    }
  }

  @Test
  void aStepForwardIsFollowedAndTheStepBackAfterItTakesNothingBack() throws Exception {
    try (StreamPublisher p = publisher()) {
      addSegment(p);
      long first = root().timeMs();
      time.stepWall(HOUR);
      time.pass(2_000);
      addSegment(p);
      long ahead = root().timeMs();
      assertThat(ahead).isEqualTo(first + HOUR + 2_000);
      StreamAnnounce aheadAnnounce = announceAsSigned();
      time.stepWall(-HOUR);
      time.pass(AnnounceSigner.LIVE_RESIGN.toMillis());
      addSegment(p);
      p.refreshAnnounce();
      assertThat(root().timeMs()).isGreaterThan(ahead);
      StreamAnnounce now = announceAsSigned();
      assertThat(now.issuedAtMs()).isGreaterThan(aheadAnnounce.issuedAtMs());
      assertThat(now.seq()).isGreaterThan(aheadAnnounce.seq());
    }
  }
}
