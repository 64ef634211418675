package org.ownerless.protocol.verify;

import java.util.Objects;
import java.util.Optional;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.merkle.ConsistencyProof;
import org.ownerless.protocol.model.EpochLink;
import org.ownerless.protocol.model.ManifestParts;
import org.ownerless.protocol.model.ManifestRoot;

/**
 * Follows one rendition's signed log and accepts a new root only if it provably extends the last
 * accepted one (docs/protocol.md §4.4): same epoch and a tree at least as large, linked by an RFC
 * 9162 consistency proof; or the next epoch, whose {@code previous} link must start exactly where
 * the accepted log ended (or further on, proven by walking the old epoch's roots there). A lower
 * epoch is a rollback. Two roots of one position that differ in what they bind, and a new epoch that
 * drops or replaces what the old one published, are reported with a portable
 * {@link EquivocationProof}. Not thread-safe.
 */
public final class RootTracker {
  /**
   * How many intermediate roots one {@link #accept(Signed, RootSource)} may fetch to close a gap:
   * the same bound as the browser viewer's (trust/manifest.js), counted the same way.
   */
  public static final int MAX_GAP_FETCHES = 1000;

  /** Where the roots a gap walk needs come from: {@code REND/roots/EPOCH-SIZE.json}, verified by the source. */
  @FunctionalInterface
  public interface RootSource {
    /** The verified root of {@code epoch} published at {@code treeSize}; a failed fetch is an UNAVAILABLE problem. */
    Signed<ManifestRoot> root(long epoch, long treeSize) throws VerificationException;
  }

  private Signed<ManifestRoot> last;

  public Optional<Signed<ManifestRoot>> last() {
    return Optional.ofNullable(last);
  }

  /**
   * Accepts {@code next}, closing a {@link Problem#GAP} the way every verifier of the project does:
   * each intermediate size of the accepted epoch (last + 1 … next − 1, or up to where {@code next}'s
   * epoch link says the old epoch ended) is taken from {@code source} and accepted in order, each
   * linked by the proof it carries, then {@code next}. A gap of more than {@link #MAX_GAP_FETCHES}
   * intermediate roots is not walked, nor is a skipped epoch: the log restarts from {@code next} (a
   * genuine, newer root of the same stream, as a reader joining now would start from it), so a
   * reader that was away or pinned to a stale mirror ends on the live state instead of refusing it.
   * Roots accepted before a failure stay accepted, so a later call continues from there.
   *
   * @return true when the log restarted from {@code next} instead of walking to it
   */
  public boolean accept(Signed<ManifestRoot> next, RootSource source) throws VerificationException {
    if (skipsAnEpoch(next.content())) {
      accept(next);
      return true;
    }
    try {
      accept(next);
      return false;
    } catch (VerificationException e) {
      if (e.problem() != Problem.GAP) {
        throw e;
      }
      ManifestRoot l = last.content();
      ManifestRoot n = next.content();
      long epoch = l.epoch();
      long from = l.treeSize();
      // The last root to fetch: the one before next in its own epoch, or the old epoch's end.
      long to = n.epoch() == epoch ? n.treeSize() - 1 : n.previous().treeSize();
      if (to - from > MAX_GAP_FETCHES) {
        last = next; // same stream, a later position: checked by accept(next) before it said GAP
        return true;
      }
      for (long size = from + 1; size <= to; size++) {
        Signed<ManifestRoot> fetched = source.root(epoch, size);
        if (fetched.content().epoch() != epoch || fetched.content().treeSize() != size) {
          throw new VerificationException(Problem.UNAVAILABLE, "asked for the root of epoch " + epoch + " size " + size
              + ", was served epoch " + fetched.content().epoch() + " size " + fetched.content().treeSize());
        }
        accept(fetched);
      }
      accept(next);
      return false;
    }
  }

  private boolean skipsAnEpoch(ManifestRoot n) {
    return last != null && n.epoch() > last.content().epoch() + 1;
  }

  /** Accepts {@code next} using the consistency proof it carries, if that links from our size. */
  public void accept(Signed<ManifestRoot> next) throws VerificationException {
    ConsistencyProof carried = next.content().consistency();
    boolean links = carried != null && last != null && carried.size1() == last.content().treeSize();
    accept(next, links ? carried : null);
  }

  /** Accepts {@code next} with an explicit proof from the last accepted size (may be null if not needed). */
  public void accept(Signed<ManifestRoot> next, ConsistencyProof proof) throws VerificationException {
    ManifestRoot n = next.content();
    if (last == null) {
      last = next;
      return;
    }
    ManifestRoot l = last.content();
    if (!n.creator().equals(l.creator()) || !n.name().equals(l.name()) || !n.rendition().equals(l.rendition())) {
      throw new VerificationException(Problem.WRONG_STREAM, "root belongs to " + n.streamId() + "/" + n.rendition()
          + ", not " + l.streamId() + "/" + l.rendition());
    }
    if (n.epoch() != l.epoch()) {
      if (n.epoch() < l.epoch()) {
        throw new VerificationException(Problem.ROLLBACK, "root of epoch " + n.epoch()
            + " after epoch " + l.epoch() + " was accepted");
      }
      if (skipsAnEpoch(n)) {
        last = next; // a whole epoch went by unseen: start again from here, as a reader joining now
        return;
      }
      acceptNextEpoch(next);
      return;
    }
    if (n.treeSize() < l.treeSize()) {
      throw new VerificationException(Problem.ROLLBACK, "root of tree size " + n.treeSize()
          + " after size " + l.treeSize() + " was accepted (epoch " + n.epoch() + ")");
    }
    if (n.treeSize() == l.treeSize()) {
      if (!n.rootHash().equals(l.rootHash()) || !Objects.equals(n.previous(), l.previous())) {
        throw equivocation(next, "two different roots signed for epoch " + n.epoch() + " size " + n.treeSize()
            + ": " + l.rootHash() + " (previous: " + l.previous() + ") and " + n.rootHash()
            + " (previous: " + n.previous() + ")");
      }
      acceptSameState(next);
      return;
    }
    if (l.treeSize() == 0) {
      last = next; // every log extends the empty log
      return;
    }
    if (proof == null) {
      throw new VerificationException(Problem.GAP, "no consistency proof links size " + l.treeSize()
          + " to size " + n.treeSize() + "; fetch the intermediate roots");
    }
    if (proof.size1() != l.treeSize() || proof.size2() != n.treeSize()) {
      throw new VerificationException(Problem.INCONSISTENT, "consistency proof is for sizes " + proof.size1()
          + " -> " + proof.size2() + ", needed " + l.treeSize() + " -> " + n.treeSize());
    }
    if (!proof.verify(l.rootHash(), n.rootHash())) {
      throw new VerificationException(Problem.INCONSISTENT, "root of size " + n.treeSize()
          + " does not extend the accepted root of size " + l.treeSize() + " (consistency proof fails)");
    }
    last = next;
  }

  // Same log state, signed again: the parts of the segment in progress decide which is newer.
  private void acceptSameState(Signed<ManifestRoot> next) throws VerificationException {
    ManifestRoot l = last.content();
    ManifestRoot n = next.content();
    switch (ManifestParts.order(l.parts(), n.parts())) {
      case FORK -> throw equivocation(next, "two different lists of parts signed for segment " + n.treeSize()
          + " of epoch " + n.epoch() + ": " + l.parts() + " and " + n.parts());
      case EXTENDS -> last = next;
      case PRECEDES -> { } // an older state of the same segment: the newer one we hold stays
      case SAME -> {
        if (n.timeMs() >= l.timeMs()) {
          last = next;
        }
      }
    }
  }

  // The epoch after ours: it must start exactly where our log ended, or further on (a GAP to walk).
  private void acceptNextEpoch(Signed<ManifestRoot> next) throws VerificationException {
    ManifestRoot l = last.content();
    EpochLink link = next.content().previous();
    if (link.treeSize() < l.treeSize()
        || (link.treeSize() == l.treeSize() && !link.rootHash().equals(l.rootHash()))) {
      throw equivocation(next, "epoch " + next.content().epoch() + " says epoch " + l.epoch() + " ended at "
          + link + ", but its root of size " + l.treeSize() + " is " + l.rootHash()
          + ": the new epoch drops or replaces what was published");
    }
    if (link.treeSize() > l.treeSize()) {
      throw new VerificationException(Problem.GAP, "epoch " + next.content().epoch() + " starts where epoch "
          + l.epoch() + " ended at size " + link.treeSize() + "; fetch epoch " + l.epoch() + "'s roots from size "
          + (l.treeSize() + 1));
    }
    last = next;
  }

  private VerificationException equivocation(Signed<ManifestRoot> next, String message) {
    try {
      EquivocationProof proof = EquivocationProof.of(last.envelope(), next.envelope());
      return new VerificationException(Problem.EQUIVOCATION, message, proof);
    } catch (ProtocolException e) {
      throw new IllegalStateException("two verified, contradicting roots must form a proof", e);
    }
  }
}
