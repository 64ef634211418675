package org.ownerless.viewer.differential;

import org.ownerless.protocol.crypto.PublicKey;
import org.ownerless.protocol.verify.EquivocationProof;
import org.ownerless.protocol.verify.RootTracker;
import org.ownerless.protocol.verify.VerificationException;
import org.ownerless.protocol.verify.Verifier;

/**
 * The Java verifier's verdict on a case, spelled as viewer/tools/verdicts.mjs spells the viewer's:
 * "OK", the problem name, for a sequence "POSITION:PROBLEM" of the first refused root, and "CRASH: …"
 * for anything that is not a verification verdict (which is a finding on either side).
 */
final class JavaVerdicts {
  private JavaVerdicts() {}

  static String of(FuzzCase c) {
    try {
      PublicKey pinned = c.creator() == null ? null : PublicKey.parse(c.creator());
      switch (c.kind()) {
        case ANNOUNCE -> Verifier.verifyAnnounce(c.bytes(), pinned, c.nowMs());
        case MANIFEST -> Verifier.verifyManifest(c.bytes(), pinned);
        case PROOF -> EquivocationProof.verify(c.bytes(), pinned);
        case ROOTS -> {
          return ofSequence(c, pinned);
        }
        default -> throw new IllegalStateException("unknown kind " + c.kind());
      }
      return "OK";
    } catch (VerificationException e) {
      return e.problem().name();
    } catch (RuntimeException e) {
      return "CRASH: " + e;
    }
  }

  private static String ofSequence(FuzzCase c, PublicKey pinned) {
    RootTracker tracker = new RootTracker();
    for (int i = 0; i < c.roots().size(); i++) {
      try {
        tracker.accept(Verifier.verifyManifest(c.roots().get(i), pinned));
      } catch (VerificationException e) {
        return i + ":" + e.problem().name();
      }
    }
    return "OK";
  }
}
