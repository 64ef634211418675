package org.ownerless.protocol.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.ownerless.protocol.fixtures.Fixtures;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.signing.SignedObject;

class VerifierTest {
  private final StreamAnnounce announce = Fixtures.announce(Fixtures.CREATOR, 1);
  private final byte[] announceBytes = announce.sign(Fixtures.CREATOR).toCanonicalBytes();

  @Test
  void aGenuineAnnounceVerifiesWithAndWithoutAPinnedKey() throws Exception {
    assertThat(Verifier.verifyAnnounce(announceBytes, Fixtures.CREATOR.publicKey(), Fixtures.NOW_MS).content())
        .isEqualTo(announce);
    assertThat(Verifier.verifyAnnounce(announceBytes, null, Fixtures.NOW_MS).content()).isEqualTo(announce);
  }

  @Test
  void anAnnounceWithOneChangedCharacterFailsItsSignature() {
    byte[] tampered = new String(announceBytes, StandardCharsets.UTF_8).replace("tracker.example", "tracker.evil.xx")
        .getBytes(StandardCharsets.UTF_8);
    assertProblem(() -> Verifier.verifyAnnounce(tampered, null, Fixtures.NOW_MS), Problem.BAD_SIGNATURE);
  }

  @Test
  void anAnnounceSignedByAnotherKeyIsRefusedWhenTheKeyIsPinned() {
    byte[] foreign = Fixtures.announce(Fixtures.OTHER, 1).sign(Fixtures.OTHER).toCanonicalBytes();
    assertProblem(() -> Verifier.verifyAnnounce(foreign, Fixtures.CREATOR.publicKey(), Fixtures.NOW_MS), Problem.WRONG_KEY);
  }

  @Test
  void anAnnounceClaimingACreatorButSignedByAnotherIsABadSignature() {
    ObjectNode body = announce.toBody(); // names CREATOR
    byte[] forged = SignedObject.sign(body, Fixtures.OTHER).toCanonicalBytes();
    assertProblem(() -> Verifier.verifyAnnounce(forged, null, Fixtures.NOW_MS), Problem.BAD_SIGNATURE);
  }

  @Test
  void expiredAndFutureAnnouncesAreRefused() {
    assertProblem(() -> Verifier.verifyAnnounce(announceBytes, null, Fixtures.EXPIRES_AT_MS), Problem.EXPIRED);
    assertProblem(() -> Verifier.verifyAnnounce(announceBytes, null, Fixtures.ISSUED_AT_MS - 3_600_000),
        Problem.NOT_YET_VALID);
  }

  @Test
  void aSignatureOverOneTypeCannotBeReplayedAsAnother() throws Exception {
    // Same body and signature, only the type changed: the domain separation must reject it.
    ObjectNode json = (ObjectNode) org.ownerless.protocol.json.StrictJson.parse(announceBytes);
    json.put("type", ManifestRoot.TYPE);
    byte[] retyped = json.toString().getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Verifier.verifyManifest(retyped, Fixtures.CREATOR.publicKey()))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void aManifestVerifiesAgainstItsAnnounceAndNotAgainstAnotherStream() throws Exception {
    byte[] manifest = Fixtures.manifest(Fixtures.CREATOR, 1, 5, 5, 0).sign(Fixtures.CREATOR).toCanonicalBytes();
    assertThat(Verifier.verifyManifest(manifest, announce, "src").content().treeSize()).isEqualTo(5);
    assertProblem(() -> Verifier.verifyManifest(manifest, announce, "360p"), Problem.WRONG_STREAM);
    assertProblem(() -> Verifier.verifyManifest(manifest, Fixtures.announce(Fixtures.OTHER, 1), null), Problem.WRONG_KEY);
  }

  @Test
  void segmentBytesMustMatchTheirEntryExactly() throws Exception {
    SegmentEntry entry = Fixtures.entry(4);
    byte[] bytes = Fixtures.segmentBytes(4);
    Verifier.verifySegment(entry, bytes);

    byte[] flipped = bytes.clone();
    flipped[10] ^= 1;
    assertProblem(() -> Verifier.verifySegment(entry, flipped), Problem.SEGMENT_MISMATCH);
    assertProblem(() -> Verifier.verifySegment(entry, java.util.Arrays.copyOf(bytes, bytes.length + 1)),
        Problem.SEGMENT_MISMATCH);
  }

  @Test
  void partBytesMustMatchTheirSignedPartExactly() throws Exception {
    var part = Fixtures.part(9, 2);
    byte[] bytes = Fixtures.partBytes(9, 2);
    Verifier.verifyPart(part, bytes);

    byte[] flipped = bytes.clone();
    flipped[0] ^= 1;
    assertProblem(() -> Verifier.verifyPart(part, flipped), Problem.SEGMENT_MISMATCH);
    assertProblem(() -> Verifier.verifyPart(part, java.util.Arrays.copyOf(bytes, bytes.length - 1)),
        Problem.SEGMENT_MISMATCH);
    assertProblem(() -> Verifier.verifyPart(part, Fixtures.partBytes(9, 3)), Problem.SEGMENT_MISMATCH);
  }

  static void assertProblem(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Problem problem) {
    assertThatThrownBy(call).isInstanceOf(VerificationException.class)
        .satisfies(e -> assertThat(((VerificationException) e).problem()).isEqualTo(problem));
  }
}
