package org.ownerless.protocol.merkle;

import java.util.List;
import org.ownerless.protocol.crypto.Digest;

/**
 * Evidence that the tree of {@code size1} leaves is a prefix of the tree of {@code size2} leaves:
 * the RFC 9162 §2.1.4.1 consistency path. This is what lets a viewer accept a newer log root
 * without re-fetching history: the publisher cannot rewrite segments it already committed to.
 *
 * <p>The fields come from untrusted peers, so nothing is checked at construction beyond non-null
 * elements; {@link #verify} judges them and answers false rather than throwing.
 */
public record ConsistencyProof(long size1, long size2, List<Digest> path) {

  public ConsistencyProof {
    path = List.copyOf(path);
  }

  /** RFC 9162 §2.1.4.2, plus the trivial cases the generator produces as empty paths. */
  public boolean verify(Digest root1, Digest root2) {
    if (root1 == null || root2 == null || size1 < 0 || size1 > size2) {
      return false;
    }
    if (size1 == size2) {
      return path.isEmpty() && root1.equals(root2);
    }
    if (size1 == 0) {
      // The empty tree is a prefix of every tree; RFC 9162 admits only the empty proof for it.
      return path.isEmpty();
    }
    if (path.isEmpty()) {
      return false;
    }

    // When size1 is a power of two the old tree is one complete subtree of the new one, so the
    // generator left its hash out (the verifier already has it); put it back as the seed.
    boolean seedIsOldRoot = Long.bitCount(size1) == 1;
    int next = seedIsOldRoot ? 0 : 1;
    Digest seed = seedIsOldRoot ? root1 : path.get(0);

    long fn = size1 - 1;
    long sn = size2 - 1;
    // Levels where the old tree's last node is a right child are fully shared by both trees.
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    Digest fr = seed;
    Digest sr = seed;
    for (int i = next; i < path.size(); i++) {
      Digest c = path.get(i);
      if (sn == 0) {
        return false; // more elements than the new tree has levels
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = MerkleHashes.nodeHash(c, fr);
        sr = MerkleHashes.nodeHash(c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        sr = MerkleHashes.nodeHash(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return sn == 0 && fr.equals(root1) && sr.equals(root2);
  }
}
