package org.ownerless.protocol.merkle;

import java.util.List;
import org.ownerless.protocol.crypto.Digest;

/**
 * Evidence that the leaf at {@code leafIndex} is in the tree of {@code treeSize} leaves: the
 * RFC 9162 §2.1.3.1 audit path, nearest sibling first.
 *
 * <p>The fields come from untrusted peers, so nothing is checked at construction beyond non-null
 * elements; {@link #verify} judges them and answers false rather than throwing.
 */
public record InclusionProof(long leafIndex, long treeSize, List<Digest> path) {

  public InclusionProof {
    path = List.copyOf(path);
  }

  /**
   * RFC 9162 §2.1.3.2, step for step. {@code fn} is the node's index and {@code sn} the index of the
   * last node on the current level; the two together tell whether the next path element sits to the
   * left or the right, and skip the levels where the node is the lone right edge (no sibling).
   */
  public boolean verify(Digest leafHash, Digest expectedRoot) {
    if (leafHash == null || expectedRoot == null || leafIndex < 0 || leafIndex >= treeSize) {
      return false;
    }
    long fn = leafIndex;
    long sn = treeSize - 1;
    Digest r = leafHash;
    for (Digest p : path) {
      if (sn == 0) {
        return false; // more elements than the tree has levels
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleHashes.nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        r = MerkleHashes.nodeHash(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return sn == 0 && r.equals(expectedRoot);
  }
}
