package org.ownerless.protocol.merkle;

import java.util.List;
import org.ownerless.protocol.crypto.Digest;

/**
 * Recomputes a log's root from what a MANIFEST_ROOT carries (docs/protocol.md §4.3): the frontier
 * (the complete subtrees left of the window) and the window's leaf hashes. A verifier that does this
 * has accepted every byte the window lets a player play, not just a hash beside it.
 *
 * <p>The walk is RFC 9162's MTH recursion. A range wholly left of the window is always one frontier
 * subtree: only the tree's right edge is incomplete, and it reaches into the window, so every node
 * left of it is complete and aligned, and the first such node the recursion meets is maximal.
 */
public final class FrontierRoot {
  private final long first;
  private final List<Digest> frontier;
  private final List<Digest> leaves;

  private FrontierRoot(long first, List<Digest> frontier, List<Digest> leaves) {
    this.first = first;
    this.frontier = frontier;
    this.leaves = leaves;
  }

  /** How many frontier hashes a window starting at leaf {@code first} comes with. */
  public static int count(long first) {
    return Long.bitCount(first);
  }

  /**
   * MTH(D[0 : first + leaves.size()]) from the frontier left of {@code first} and the leaf hashes
   * from {@code first} on.
   *
   * @throws IllegalArgumentException if the frontier does not have {@link #count(long)} entries
   */
  public static Digest root(long first, List<Digest> frontier, List<Digest> windowLeafHashes) {
    if (first < 0 || frontier.size() != count(first)) {
      throw new IllegalArgumentException("a window starting at leaf " + first + " needs " + count(first)
          + " frontier hashes, got " + frontier.size());
    }
    long size = first + windowLeafHashes.size();
    if (size == 0) {
      return MerkleHashes.emptyRoot();
    }
    return new FrontierRoot(first, frontier, windowLeafHashes).hash(0, size);
  }

  // MTH(D[start : end]) for a range the recursion reaches (end > start).
  private Digest hash(long start, long end) {
    if (end <= first) {
      Digest whole = frontierAt(start, end - start);
      if (whole != null) {
        return whole;
      }
      if (end - start == 1) {
        // Cannot happen with count(first) hashes (see the class comment); never loop on it.
        throw new IllegalStateException("leaf " + start + " is left of the window but in no frontier subtree");
      }
    } else if (start >= first && end - start == 1) {
      return leaves.get((int) (start - first));
    }
    long k = Long.highestOneBit(end - start - 1);
    return MerkleHashes.nodeHash(hash(start, start + k), hash(start + k, end));
  }

  // The frontier subtree that starts at `start` and is `width` leaves wide, or null if none is.
  private Digest frontierAt(long start, long width) {
    long at = 0;
    int i = 0;
    for (long rest = first; rest != 0; rest -= Long.highestOneBit(rest), i++) {
      long w = Long.highestOneBit(rest);
      if (at == start) {
        return w == width ? frontier.get(i) : null;
      }
      at += w;
    }
    return null;
  }
}
