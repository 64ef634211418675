package org.ownerless.protocol.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ownerless.protocol.verify.VerifierTest.assertProblem;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.fixtures.Fixtures;
import org.ownerless.protocol.merkle.MerkleTree;
import org.ownerless.protocol.model.ManifestRoot;

class RootTrackerTest {
  private final RootTracker tracker = new RootTracker();

  private static Signed<ManifestRoot> signed(ManifestRoot root) throws VerificationException {
    return Verifier.verifyManifest(root.sign(Fixtures.CREATOR).toCanonicalBytes(), Fixtures.CREATOR.publicKey());
  }

  private static Signed<ManifestRoot> root(long size, long fromSize) throws VerificationException {
    return signed(Fixtures.manifest(Fixtures.CREATOR, 1, size, 4, fromSize));
  }

  @Test
  void aGrowingLogLinkedByConsistencyProofsIsAccepted() throws Exception {
    tracker.accept(root(3, 0));
    tracker.accept(root(4, 3));
    tracker.accept(root(9, 4));
    tracker.accept(root(9, 4)); // the same root again is harmless
    assertThat(tracker.last().orElseThrow().content().treeSize()).isEqualTo(9);
  }

  @Test
  void aSmallerTreeAfterALargerOneIsARollback() throws Exception {
    tracker.accept(root(3, 0));
    tracker.accept(root(5, 3));
    assertProblem(() -> tracker.accept(root(4, 3)), Problem.ROLLBACK);
    assertThat(tracker.last().orElseThrow().content().treeSize()).isEqualTo(5);
  }

  @Test
  void anOlderEpochIsARollbackAndTheNextOneLinkedToWhereOursEndedContinuesTheLog() throws Exception {
    tracker.accept(signed(Fixtures.manifest(Fixtures.CREATOR, 2, 5, 4, 0)));
    assertProblem(() -> tracker.accept(signed(Fixtures.manifest(Fixtures.CREATOR, 1, 9, 4, 0))), Problem.ROLLBACK);
    tracker.accept(signed(Fixtures.manifest(Fixtures.CREATOR, 3, 1, 1, 0, Fixtures.link(2, 5))));
    assertThat(tracker.last().orElseThrow().content().epoch()).isEqualTo(3);
  }

  @Test
  void aNewEpochThatDropsOrReplacesPublishedEntriesIsAPortableEquivocation() throws Exception {
    tracker.accept(signed(Fixtures.manifest(Fixtures.CREATOR, 1, 6, 4, 0)));
    // Ends epoch 1 at 4 although size 6 was signed: two published entries silently dropped.
    VerificationException dropped = org.junit.jupiter.api.Assertions.assertThrows(VerificationException.class,
        () -> tracker.accept(signed(Fixtures.manifest(Fixtures.CREATOR, 2, 3, 3, 0, Fixtures.link(1, 4)))));
    assertThat(dropped.problem()).isEqualTo(Problem.EQUIVOCATION);
    // Ends epoch 1 at size 6 with another hash: the history was replaced.
    ManifestRoot replaced = Fixtures.manifest(Fixtures.CREATOR, 2, 3, 3, 0,
        new org.ownerless.protocol.model.EpochLink(1, 6, Digest.sha256(new byte[] {6})));
    VerificationException e = org.junit.jupiter.api.Assertions.assertThrows(VerificationException.class,
        () -> tracker.accept(signed(replaced)));
    assertThat(e.problem()).isEqualTo(Problem.EQUIVOCATION);
    EquivocationProof proof = EquivocationProof.parse(e.equivocation().orElseThrow().toString()
        .getBytes(StandardCharsets.UTF_8));
    assertThat(ManifestRoot.fromSigned(proof.second()).epoch()).isEqualTo(2);
    assertThat(tracker.last().orElseThrow().content().epoch()).isEqualTo(1);
    // An epoch with no link at all cannot even be read: a forged restart is malformed.
    assertThat(Fixtures.manifest(Fixtures.CREATOR, 2, 3, 3, 0).previous()).isEqualTo(
        org.ownerless.protocol.model.EpochLink.empty(1));
  }

  @Test
  void aNewEpochLinkedBeyondOurSizeIsWalkedThroughTheOldEpochsRootsFirst() throws Exception {
    tracker.accept(root(3, 0));
    List<String> asked = new ArrayList<>();
    Signed<ManifestRoot> next = signed(Fixtures.manifest(Fixtures.CREATOR, 2, 2, 2, 0, Fixtures.link(1, 6)));
    assertProblem(() -> tracker.accept(next), Problem.GAP);
    assertThat(tracker.accept(next, (epoch, size) -> {
      asked.add(epoch + "-" + size);
      return root(size, size - 1);
    })).isFalse();
    assertThat(asked).containsExactly("1-4", "1-5", "1-6");
    assertThat(tracker.last().orElseThrow().content().epoch()).isEqualTo(2);

    // The walk ends on another root than the link names: the fork is caught there.
    RootTracker other = new RootTracker();
    other.accept(root(3, 0));
    Signed<ManifestRoot> forked = signed(Fixtures.manifest(Fixtures.CREATOR, 2, 2, 2, 0,
        new org.ownerless.protocol.model.EpochLink(1, 5, Digest.sha256(new byte[] {5}))));
    assertProblem(() -> other.accept(forked, (epoch, size) -> root(size, size - 1)), Problem.EQUIVOCATION);
    assertThat(other.last().orElseThrow().content().treeSize()).isEqualTo(5);
  }

  @Test
  void aSkippedEpochRestartsTheLogWithoutAWalk() throws Exception {
    tracker.accept(root(3, 0));
    assertThat(tracker.accept(signed(Fixtures.manifest(Fixtures.CREATOR, 3, 2, 2, 0)), (epoch, size) -> {
      throw new AssertionError("nothing to fetch across a skipped epoch");
    })).isTrue();
    assertThat(tracker.last().orElseThrow().content().epoch()).isEqualTo(3);
  }

  @Test
  void twoRootsOfOneSizeWithDifferentWindowsYieldAPortableEquivocationProof() throws Exception {
    tracker.accept(root(6, 0));
    ManifestRoot honest = Fixtures.manifest(Fixtures.CREATOR, 1, 6, 4, 0);
    ManifestRoot fork = honest.withWindow(otherBytesFor(honest.window(), 4));
    assertThat(fork.rootHash()).isNotEqualTo(honest.rootHash());

    VerificationException e = org.junit.jupiter.api.Assertions.assertThrows(VerificationException.class,
        () -> tracker.accept(signed(fork)));
    assertThat(e.problem()).isEqualTo(Problem.EQUIVOCATION);
    byte[] portable = e.equivocation().orElseThrow().toString().getBytes(StandardCharsets.UTF_8);
    // Anyone holding only these bytes can check the creator signed both roots.
    EquivocationProof parsed = EquivocationProof.parse(portable);
    assertThat(parsed.first().type()).isEqualTo(ManifestRoot.TYPE);
  }

  @Test
  void twoRootsOfOnePositionThatDifferOnlyInTheirEpochLinkAreAnEquivocation() throws Exception {
    tracker.accept(signed(Fixtures.manifest(Fixtures.CREATOR, 2, 4, 4, 0, Fixtures.link(1, 7))));
    assertProblem(() -> tracker.accept(signed(Fixtures.manifest(Fixtures.CREATOR, 2, 4, 4, 0, Fixtures.link(1, 8)))),
        Problem.EQUIVOCATION);
  }

  @Test
  void aLaterRootThatReListsAnOldIndexWithOtherBytesDoesNotLink() throws Exception {
    tracker.accept(root(5, 0)); // its window lists index 4
    ManifestRoot honest = Fixtures.manifest(Fixtures.CREATOR, 1, 8, 4, 5);
    // Index 4 again, with other bytes, in a root that hashes honestly to its own window.
    ManifestRoot relisted = honest.withWindow(otherBytesFor(honest.window(), 4));
    assertProblem(() -> tracker.accept(signed(relisted)), Problem.INCONSISTENT);
    assertThat(tracker.last().orElseThrow().content().treeSize()).isEqualTo(5);
  }

  // The window with the entry of `index` pointing at other bytes of the same size.
  static List<org.ownerless.protocol.model.SegmentEntry> otherBytesFor(
      List<org.ownerless.protocol.model.SegmentEntry> window, long index) {
    List<org.ownerless.protocol.model.SegmentEntry> out = new ArrayList<>();
    for (var e : window) {
      out.add(e.index() != index ? e : new org.ownerless.protocol.model.SegmentEntry(e.index(), e.uri(),
          e.durationUs(), Digest.sha256("other bytes".getBytes(StandardCharsets.UTF_8)), e.size(), e.discontinuity()));
    }
    return out;
  }

  @Test
  void aLargerTreeWhoseProofDoesNotLinkIsInconsistent() throws Exception {
    tracker.accept(root(5, 0));
    ManifestRoot honest = Fixtures.manifest(Fixtures.CREATOR, 1, 8, 4, 5);
    // A rewritten history of size 8 carrying the honest proof: the proof cannot link it.
    ManifestRoot rewritten = honest.withWindow(otherBytesFor(honest.window(), 7));
    assertProblem(() -> tracker.accept(signed(rewritten)), Problem.INCONSISTENT);
    assertThat(tracker.last().orElseThrow().content().treeSize()).isEqualTo(5);
  }

  @Test
  void aLargerTreeWithoutAProofFromOurSizeIsAGapUntilTheIntermediateRootsArrive() throws Exception {
    tracker.accept(root(5, 0));
    assertProblem(() -> tracker.accept(root(9, 7)), Problem.GAP);
    tracker.accept(root(7, 5));
    tracker.accept(root(9, 7));
    assertThat(tracker.last().orElseThrow().content().treeSize()).isEqualTo(9);
  }

  @Test
  void anExplicitProofLinksRootsThatCarryNone() throws Exception {
    tracker.accept(root(5, 0));
    var tree = Fixtures.tree(12);
    tracker.accept(root(12, 0), tree.consistencyProof(5, 12));
    assertProblem(() -> tracker.accept(root(13, 0), tree.consistencyProof(5, 12)), Problem.INCONSISTENT);
  }

  @Test
  void rootsOfAnotherRenditionAreRefused() throws Exception {
    tracker.accept(root(5, 0));
    ManifestRoot other = Fixtures.manifest(Fixtures.CREATOR, 1, 5, 4, 0);
    ManifestRoot otherRendition = new ManifestRoot(other.creator(), other.name(), "360p", 1, 5, other.rootHash(),
        other.timeMs(), other.window(), other.frontier(), null, null);
    assertProblem(() -> tracker.accept(signed(otherRendition)), Problem.WRONG_STREAM);
  }

  @Test
  void aGapIsWalkedThroughTheIntermediateRootsInOrder() throws Exception {
    tracker.accept(root(5, 0));
    List<Long> asked = new ArrayList<>();
    tracker.accept(root(9, 8), (epoch, size) -> {
      asked.add(size);
      return root(size, size - 1);
    });
    assertThat(asked).containsExactly(6L, 7L, 8L);
    assertThat(tracker.last().orElseThrow().content().treeSize()).isEqualTo(9);
  }

  @Test
  void aFailedFetchKeepsWhatTheWalkAcceptedSoFar() throws Exception {
    tracker.accept(root(5, 0));
    assertProblem(() -> tracker.accept(root(9, 8), (epoch, size) -> {
      if (size == 8) {
        throw new VerificationException(Problem.UNAVAILABLE, "roots/8.json: HTTP 503");
      }
      return root(size, size - 1);
    }), Problem.UNAVAILABLE);
    assertThat(tracker.last().orElseThrow().content().treeSize()).isEqualTo(7);
  }

  @Test
  void aWalkClosesAtMostTheGapBoundAndRestartsFromTheNewestRootBeyondItWithoutFetching() throws Exception {
    int max = RootTracker.MAX_GAP_FETCHES;
    LinkedRoots roots = new LinkedRoots(max + 3);
    tracker.accept(roots.at(1));
    // size 1 -> size max + 2: exactly MAX_GAP_FETCHES roots in between, walked.
    assertThat(tracker.accept(roots.at(max + 2), (epoch, size) -> roots.at(size))).isFalse();
    assertThat(tracker.last().orElseThrow().content().treeSize()).isEqualTo(max + 2);

    RootTracker other = new RootTracker();
    other.accept(roots.at(1));
    List<Long> asked = new ArrayList<>();
    // size 1 -> size max + 3: one root more than the bound: the log restarts there, nothing fetched.
    assertThat(other.accept(roots.at(max + 3), (epoch, size) -> {
      asked.add(size);
      return roots.at(size);
    })).isTrue();
    assertThat(asked).isEmpty();
    assertThat(other.last().orElseThrow().content().treeSize()).isEqualTo(max + 3);
    // A restart is never a way back: an older root after it is still a rollback.
    assertProblem(() -> other.accept(roots.at(max + 2), (epoch, size) -> roots.at(size)), Problem.ROLLBACK);
  }

  /** Signed roots of one growing log, each carrying the proof from the size before it. */
  private static final class LinkedRoots {
    private final MerkleTree tree = new MerkleTree();

    LinkedRoots(int size) {
      for (int i = 0; i < size; i++) {
        tree.append(Fixtures.entry(i).leafHash());
      }
    }

    Signed<ManifestRoot> at(long size) throws VerificationException {
      ManifestRoot r = ManifestRoot.ofTree(Fixtures.CREATOR.publicKey(), "demo", "src", 1, tree, size,
          Fixtures.ISSUED_AT_MS + size, List.of(Fixtures.entry(size - 1)), null,
          size > 1 ? tree.consistencyProof(size - 1, size) : null);
      return signed(r);
    }
  }

  private static Signed<ManifestRoot> withParts(long size, int parts) throws VerificationException {
    return signed(Fixtures.manifest(Fixtures.CREATOR, 1, size, 4, size - 1).withParts(Fixtures.parts(size, parts)));
  }

  @Test
  void rootsOfOneSizeWhosePartsGrowReplaceEachOtherAndAnOlderOneIsIgnored() throws Exception {
    tracker.accept(root(5, 0));
    tracker.accept(withParts(6, 1));
    tracker.accept(withParts(6, 3));
    assertThat(tracker.last().orElseThrow().content().parts()).hasSize(3);

    tracker.accept(withParts(6, 2)); // an older state of the same segment: not an error
    tracker.accept(root(6, 5));
    assertThat(tracker.last().orElseThrow().content().parts()).hasSize(3);

    tracker.accept(withParts(7, 0)); // the segment completed: the larger root owes nothing to the old parts
    assertThat(tracker.last().orElseThrow().content().treeSize()).isEqualTo(7);
    assertThat(tracker.last().orElseThrow().content().parts()).isEmpty();
  }

  @Test
  void twoRootsListingADifferentPartAtOnePositionAreAPortableEquivocation() throws Exception {
    tracker.accept(withParts(6, 2));
    var parts = new ArrayList<>(Fixtures.parts(6, 3));
    var p = parts.get(1);
    parts.set(1, new org.ownerless.protocol.model.PartEntry(p.uri(), p.durationUs() + 1, p.sha256(), p.size(),
        p.independent()));
    Signed<ManifestRoot> forked = signed(Fixtures.manifest(Fixtures.CREATOR, 1, 6, 4, 5).withParts(parts));

    VerificationException e = org.junit.jupiter.api.Assertions.assertThrows(VerificationException.class,
        () -> tracker.accept(forked));
    assertThat(e.problem()).isEqualTo(Problem.EQUIVOCATION);
    EquivocationProof proof = EquivocationProof.parse(e.equivocation().orElseThrow().toString()
        .getBytes(StandardCharsets.UTF_8));
    assertThat(ManifestRoot.fromSigned(proof.second()).parts()).hasSize(3);
    assertThat(tracker.last().orElseThrow().content().parts()).hasSize(2);
  }

  @Test
  void rootsWhosePartsOnlyPrecedeOneAnotherAreNoEquivocationProof() throws Exception {
    var older = withParts(6, 1).envelope();
    var newer = withParts(6, 3).envelope();
    org.junit.jupiter.api.Assertions.assertThrows(org.ownerless.protocol.ProtocolException.class,
        () -> EquivocationProof.of(older, newer));
  }
}
