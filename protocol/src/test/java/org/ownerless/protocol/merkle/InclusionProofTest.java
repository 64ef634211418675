package org.ownerless.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ownerless.protocol.crypto.Digest;

class InclusionProofTest {
  private final List<Digest> leaves = TestLeaves.random(13, 11);
  private final MerkleTree tree = TestLeaves.treeOf(leaves);

  @Test
  void theProofKeepsItsOwnCopyOfThePath() {
    List<Digest> path = new ArrayList<>(tree.inclusionProof(4, 13).path());
    InclusionProof proof = new InclusionProof(4, 13, path);
    path.clear();
    assertThat(proof.path()).hasSize(4);
    assertThat(proof.verify(leaves.get(4), tree.rootHash())).isTrue();
    assertThatThrownBy(() -> proof.path().add(leaves.get(0))).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aPathWithANullElementCannotBeBuilt() {
    assertThatThrownBy(() -> new InclusionProof(0, 2, Collections.singletonList(null)))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void missingHashesAreRejectedRatherThanThrown() {
    InclusionProof proof = tree.inclusionProof(4, 13);
    assertThat(proof.verify(null, tree.rootHash())).isFalse();
    assertThat(proof.verify(leaves.get(4), null)).isFalse();
  }

  @Test
  void nonsensicalIndicesAndSizesAreRejectedRatherThanThrown() {
    List<Digest> path = tree.inclusionProof(4, 13).path();
    Digest leaf = leaves.get(4);
    Digest root = tree.rootHash();
    long[][] cases = {
      {4, 4}, {4, 0}, {-1, 13}, {4, -13}, {Long.MIN_VALUE, 13}, {4, Long.MIN_VALUE},
      {4, Long.MAX_VALUE}, {Long.MAX_VALUE - 1, Long.MAX_VALUE}, {Long.MAX_VALUE, Long.MAX_VALUE}
    };
    for (long[] c : cases) {
      assertThat(new InclusionProof(c[0], c[1], path).verify(leaf, root)).as("index %d size %d", c[0], c[1]).isFalse();
    }
  }

  @Test
  void anEmptyPathProvesOnlyTheSoleLeafOfAOneLeafTree() {
    assertThat(new InclusionProof(0, 1, List.of()).verify(leaves.get(0), leaves.get(0))).isTrue();
    assertThat(new InclusionProof(0, 2, List.of()).verify(leaves.get(0), leaves.get(0))).isFalse();
    assertThat(new InclusionProof(0, 1, List.of()).verify(leaves.get(0), leaves.get(1))).isFalse();
  }

  @Test
  void aVeryLongPathIsRejected() {
    List<Digest> path = new ArrayList<>(Collections.nCopies(200, leaves.get(1)));
    assertThat(new InclusionProof(0, Long.MAX_VALUE, path).verify(leaves.get(0), tree.rootHash())).isFalse();
  }
}
