package org.ownerless.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ownerless.protocol.crypto.Digest;

class FrontierRootTest {
  private static MerkleTree tree(int size) {
    MerkleTree tree = new MerkleTree();
    for (int i = 0; i < size; i++) {
      tree.append(MerkleHashes.leafHash(new byte[] {(byte) i, (byte) (i >> 8)}));
    }
    return tree;
  }

  @Test
  void everyWindowOfEveryTreeUpTo130LeavesRecomputesTheRoot() {
    MerkleTree tree = tree(130);
    for (int size = 0; size <= 130; size++) {
      for (int first = 0; first <= size; first++) {
        List<Digest> leaves = new ArrayList<>();
        for (int i = first; i < size; i++) {
          leaves.add(tree.leafHash(i));
        }
        assertThat(FrontierRoot.root(first, tree.frontier(first), leaves)).as("size %d, window from %d", size, first)
            .isEqualTo(tree.rootHash(size));
      }
    }
  }

  @Test
  void theFrontierHasOneHashPerSetBitOfTheWindowStart() {
    assertThat(tree(100).frontier(0)).isEmpty();
    assertThat(tree(100).frontier(0b1011001)).hasSize(4);
    assertThat(FrontierRoot.count((1L << 53) - 1)).isEqualTo(53);
  }

  @Test
  void anyChangedLeafOrFrontierHashChangesTheRoot() {
    MerkleTree tree = tree(45);
    List<Digest> frontier = tree.frontier(37);
    List<Digest> leaves = new ArrayList<>();
    for (int i = 37; i < 45; i++) {
      leaves.add(tree.leafHash(i));
    }
    Digest other = Digest.sha256(new byte[] {1});
    for (int i = 0; i < leaves.size(); i++) {
      List<Digest> changed = new ArrayList<>(leaves);
      changed.set(i, other);
      assertThat(FrontierRoot.root(37, frontier, changed)).isNotEqualTo(tree.rootHash());
    }
    for (int i = 0; i < frontier.size(); i++) {
      List<Digest> changed = new ArrayList<>(frontier);
      changed.set(i, other);
      assertThat(FrontierRoot.root(37, changed, leaves)).isNotEqualTo(tree.rootHash());
    }
  }

  @Test
  void aFrontierOfTheWrongLengthIsRefused() {
    MerkleTree tree = tree(9);
    assertThatThrownBy(() -> FrontierRoot.root(7, tree.frontier(6), List.of(tree.leafHash(7), tree.leafHash(8))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 3 frontier hashes, got 2");
  }
}
