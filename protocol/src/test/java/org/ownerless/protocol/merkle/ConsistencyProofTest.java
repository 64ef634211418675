package org.ownerless.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ownerless.protocol.crypto.Digest;

class ConsistencyProofTest {
  private final List<Digest> leaves = TestLeaves.random(21, 12);
  private final MerkleTree tree = TestLeaves.treeOf(leaves);

  @Test
  void theProofKeepsItsOwnCopyOfThePath() {
    List<Digest> path = new ArrayList<>(tree.consistencyProof(5, 21).path());
    ConsistencyProof proof = new ConsistencyProof(5, 21, path);
    path.clear();
    assertThat(proof.verify(tree.rootHash(5), tree.rootHash(21))).isTrue();
    assertThatThrownBy(() -> proof.path().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aPathWithANullElementCannotBeBuilt() {
    assertThatThrownBy(() -> new ConsistencyProof(1, 2, Collections.singletonList(null)))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void equalSizesNeedAnEmptyPathAndEqualRoots() {
    Digest root = tree.rootHash(9);
    assertThat(new ConsistencyProof(9, 9, List.of()).verify(root, root)).isTrue();
    assertThat(new ConsistencyProof(9, 9, List.of()).verify(root, tree.rootHash(10))).isFalse();
    assertThat(new ConsistencyProof(9, 9, List.of(root)).verify(root, root)).isFalse();
  }

  @Test
  void fromSizeZeroOnlyTheEmptyPathIsAccepted() {
    Digest empty = MerkleHashes.emptyRoot();
    assertThat(new ConsistencyProof(0, 21, List.of()).verify(empty, tree.rootHash())).isTrue();
    assertThat(new ConsistencyProof(0, 0, List.of()).verify(empty, empty)).isTrue();
    assertThat(new ConsistencyProof(0, 21, List.of(tree.rootHash())).verify(empty, tree.rootHash())).isFalse();
  }

  @Test
  void anEmptyPathBetweenDifferentNonZeroSizesIsRejected() {
    assertThat(new ConsistencyProof(4, 8, List.of()).verify(tree.rootHash(4), tree.rootHash(8))).isFalse();
  }

  @Test
  void aShrinkingTreeIsRejected() {
    List<Digest> path = tree.consistencyProof(5, 21).path();
    assertThat(new ConsistencyProof(21, 5, path).verify(tree.rootHash(21), tree.rootHash(5))).isFalse();
  }

  @Test
  void missingRootsAndNonsensicalSizesAreRejectedRatherThanThrown() {
    List<Digest> path = tree.consistencyProof(5, 21).path();
    Digest root1 = tree.rootHash(5);
    Digest root2 = tree.rootHash(21);
    assertThat(new ConsistencyProof(5, 21, path).verify(null, root2)).isFalse();
    assertThat(new ConsistencyProof(5, 21, path).verify(root1, null)).isFalse();
    long[][] cases = {
      {-5, 21}, {5, -21}, {Long.MIN_VALUE, 21}, {5, Long.MAX_VALUE}, {Long.MAX_VALUE, Long.MAX_VALUE},
      {Long.MAX_VALUE - 1, Long.MAX_VALUE}, {Long.MIN_VALUE, Long.MIN_VALUE}
    };
    for (long[] c : cases) {
      assertThat(new ConsistencyProof(c[0], c[1], path).verify(root1, root2))
          .as("sizes %d -> %d", c[0], c[1])
          .isFalse();
    }
  }

  @Test
  void aVeryLongPathIsRejected() {
    List<Digest> path = new ArrayList<>(Collections.nCopies(200, leaves.get(1)));
    assertThat(new ConsistencyProof(3, Long.MAX_VALUE, path).verify(tree.rootHash(3), tree.rootHash())).isFalse();
  }
}
