package org.ownerless.protocol.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ownerless.protocol.verify.VerifierTest.assertProblem;

import org.junit.jupiter.api.Test;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.fixtures.Fixtures;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.model.StreamStatus;

class AnnounceTrackerTest {
  private final AnnounceTracker tracker = new AnnounceTracker(Fixtures.announce(Fixtures.CREATOR, 0).streamId());

  private static Signed<StreamAnnounce> signed(StreamAnnounce a, Signer s) throws VerificationException {
    return Verifier.verifyAnnounce(a.sign(s).toCanonicalBytes(), null, Fixtures.NOW_MS);
  }

  @Test
  void aHigherSeqSupersedesAndALowerOneIsARollback() throws Exception {
    tracker.accept(signed(Fixtures.announce(Fixtures.CREATOR, 5), Fixtures.CREATOR), Fixtures.NOW_MS);
    tracker.accept(signed(Fixtures.announce(Fixtures.CREATOR, 6), Fixtures.CREATOR), Fixtures.NOW_MS);
    assertProblem(() -> tracker.accept(signed(Fixtures.announce(Fixtures.CREATOR, 5), Fixtures.CREATOR), Fixtures.NOW_MS),
        Problem.ROLLBACK);
    assertThat(tracker.current().orElseThrow().content().seq()).isEqualTo(6);
  }

  @Test
  void twoDifferentAnnouncesWithOneSeqAreEquivocation() throws Exception {
    StreamAnnounce live = Fixtures.announce(Fixtures.CREATOR, 5);
    tracker.accept(signed(live, Fixtures.CREATOR), Fixtures.NOW_MS);
    tracker.accept(signed(live, Fixtures.CREATOR), Fixtures.NOW_MS); // same object again is fine
    StreamAnnounce ended = new StreamAnnounce(live.creator(), live.name(), live.title(), 5, live.issuedAtMs(),
        live.expiresAtMs(), StreamStatus.ENDED, live.latency(), live.renditions(), live.origins(), live.trackers(),
        live.tips(), live.logs());
    assertProblem(() -> tracker.accept(signed(ended, Fixtures.CREATOR), Fixtures.NOW_MS), Problem.EQUIVOCATION);
  }

  @Test
  void anAnnounceOfAnotherStreamOrAnExpiredOneIsRefused() throws Exception {
    assertProblem(() -> tracker.accept(signed(Fixtures.announce(Fixtures.OTHER, 9), Fixtures.OTHER), Fixtures.NOW_MS),
        Problem.WRONG_STREAM);
    Signed<StreamAnnounce> ok = signed(Fixtures.announce(Fixtures.CREATOR, 9), Fixtures.CREATOR);
    assertProblem(() -> tracker.accept(ok, Fixtures.EXPIRES_AT_MS + 1), Problem.EXPIRED);
  }
}
