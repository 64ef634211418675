package org.ownerless.protocol.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ownerless.protocol.crypto.Digest;

/**
 * An append-only RFC 9162 Merkle tree over leaf hashes, kept in memory.
 *
 * <p>Every complete, aligned subtree is cached: level {@code h} holds the hash of each run of
 * {@code 2^h} leaves starting at a multiple of {@code 2^h}. The tree shapes RFC 9162 defines only
 * ever combine such subtrees (it always splits at the largest power of two below the size), so any
 * historical root or proof node is a short right-to-left fold of cached hashes, one per set bit of
 * the range length, instead of a walk over the leaves. Appending is a binary carry: amortised one
 * node hash per leaf.
 *
 * <p>Not thread-safe: appends and reads must be serialised by the caller. Proofs and digests handed
 * out are immutable and may be shared freely.
 */
public final class MerkleTree {
  // levels.get(h).get(i) = MTH of leaves [i * 2^h, (i + 1) * 2^h).
  private final List<HashColumn> levels = new ArrayList<>();

  public MerkleTree() {
    levels.add(new HashColumn());
  }

  /** The root of a tree holding exactly these leaf hashes. */
  public static Digest rootOf(List<Digest> leafHashes) {
    MerkleTree tree = new MerkleTree();
    leafHashes.forEach(tree::append);
    return tree.rootHash();
  }

  public void append(Digest leafHash) {
    Objects.requireNonNull(leafHash, "leafHash");
    levels.get(0).append(leafHash);
    // An even length means the last two entries just became siblings of a completed parent;
    // that parent may in turn complete a pair one level up, like a carry in binary addition.
    for (int level = 0; (levels.get(level).size() & 1) == 0; level++) {
      if (level + 1 == levels.size()) {
        levels.add(new HashColumn());
      }
      HashColumn column = levels.get(level);
      long last = column.size() - 1;
      MessageDigest md = MerkleHashes.startNode();
      column.updateInto(last - 1, md);
      column.updateInto(last, md);
      levels.get(level + 1).appendDigestOf(md);
    }
  }

  /**
   * Forgets every leaf from {@code newSize} on: a tentative append (signed over while the log was
   * syncing) whose record never became durable is taken back. The tree is then exactly the one
   * those first leaves build.
   */
  public void truncate(long newSize) {
    requireInRange("tree size", newSize, 0, size());
    // Level h holds one node per complete block of 2^h leaves; a level with none (above 0) goes.
    for (int level = levels.size() - 1; level > 0 && (newSize >>> level) == 0; level--) {
      levels.remove(level);
    }
    for (int level = 0; level < levels.size(); level++) {
      levels.get(level).truncate(newSize >>> level);
    }
  }

  public long size() {
    return levels.get(0).size();
  }

  public Digest leafHash(long index) {
    requireInRange("leaf index", index, 0, size() - 1);
    return levels.get(0).get(index);
  }

  /** The root of the tree as it stands now. */
  public Digest rootHash() {
    return rootHash(size());
  }

  /** The root the tree had when it held its first {@code treeSize} leaves. */
  public Digest rootHash(long treeSize) {
    requireInRange("tree size", treeSize, 0, size());
    return treeSize == 0 ? MerkleHashes.emptyRoot() : subtreeHash(0, treeSize);
  }

  /**
   * The frontier left of leaf {@code first} (docs/protocol.md §4.3): MTH of each aligned complete
   * subtree that {@code first}'s set bits cut [0, first) into, largest (leftmost) first.
   */
  public List<Digest> frontier(long first) {
    requireInRange("frontier end", first, 0, size());
    List<Digest> out = new ArrayList<>(Long.bitCount(first));
    long start = 0;
    for (long rest = first; rest != 0; rest -= Long.highestOneBit(rest)) {
      long width = Long.highestOneBit(rest);
      out.add(subtreeHash(start, width));
      start += width;
    }
    return out;
  }

  /** RFC 9162 §2.1.3.1 PATH(leafIndex, D[treeSize]). */
  public InclusionProof inclusionProof(long leafIndex, long treeSize) {
    requireInRange("tree size", treeSize, 1, size());
    requireInRange("leaf index", leafIndex, 0, treeSize - 1);
    List<Digest> path = new ArrayList<>();
    addPath(leafIndex, 0, treeSize, path);
    return new InclusionProof(leafIndex, treeSize, path);
  }

  /**
   * RFC 9162 §2.1.4.1 PROOF(size1, D[size2]). A proof from size 0, or between equal sizes, is
   * empty: the empty tree is a prefix of every tree, and equal sizes need equal roots only.
   */
  public ConsistencyProof consistencyProof(long size1, long size2) {
    requireInRange("size2", size2, 0, size());
    requireInRange("size1", size1, 0, size2);
    List<Digest> path = new ArrayList<>();
    if (size1 > 0) {
      addSubproof(size1, 0, size2, true, path);
    }
    return new ConsistencyProof(size1, size2, path);
  }

  // PATH(m, D[start : start + n]); the sibling is appended after the deeper nodes, as in the RFC.
  private void addPath(long m, long start, long n, List<Digest> out) {
    if (n == 1) {
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m < k) {
      addPath(m, start, k, out);
      out.add(subtreeHash(start + k, n - k));
    } else {
      addPath(m - k, start + k, n - k, out);
      out.add(subtreeHash(start, k));
    }
  }

  // SUBPROOF(m, D[start : start + n], b); b says whether this subtree's hash is already known to
  // the verifier as the old root, in which case it is left out.
  private void addSubproof(long m, long start, long n, boolean knownToVerifier, List<Digest> out) {
    if (m == n) {
      if (!knownToVerifier) {
        out.add(subtreeHash(start, n));
      }
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      addSubproof(m, start, k, knownToVerifier, out);
      out.add(subtreeHash(start + k, n - k));
    } else {
      addSubproof(m - k, start + k, n - k, false, out);
      out.add(subtreeHash(start, k));
    }
  }

  /**
   * MTH(D[start : start + count]) for count >= 1 and start a multiple of the smallest power of two
   * not below count; the RFC recursions above only ever ask for such ranges. The range then splits
   * into one cached aligned subtree per set bit of count, largest first, and MTH nests them to the
   * right, so folding from the smallest one leftwards rebuilds it.
   */
  private Digest subtreeHash(long start, long count) {
    Digest folded = null;
    for (long rest = count; rest != 0; rest -= Long.lowestOneBit(rest)) {
      long width = Long.lowestOneBit(rest);
      int level = Long.numberOfTrailingZeros(width);
      long first = start + rest - width;
      Digest node = levels.get(level).get(first >>> level);
      folded = folded == null ? node : MerkleHashes.nodeHash(node, folded);
    }
    return folded;
  }

  private static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }

  private static void requireInRange(String what, long value, long min, long max) {
    if (value < min || value > max) {
      String range = min > max ? "nothing (the tree is empty)" : min + ".." + max;
      throw new IllegalArgumentException(what + " " + value + " is out of range: expected " + range);
    }
  }
}
