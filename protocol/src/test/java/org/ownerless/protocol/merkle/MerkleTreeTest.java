package org.ownerless.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ownerless.protocol.crypto.Digest;

class MerkleTreeTest {

  @Test
  void aNewTreeIsEmptyAndHasTheEmptyRoot() {
    MerkleTree tree = new MerkleTree();
    assertThat(tree.size()).isZero();
    assertThat(tree.rootHash()).isEqualTo(MerkleHashes.emptyRoot());
    assertThat(tree.rootHash(0)).isEqualTo(MerkleHashes.emptyRoot());
    assertThat(MerkleTree.rootOf(List.of())).isEqualTo(MerkleHashes.emptyRoot());
  }

  @Test
  void aOneLeafTreeHasTheLeafHashAsRoot() {
    MerkleTree tree = TestLeaves.treeOf(List.of(TestLeaves.numbered(7)));
    assertThat(tree.rootHash()).isEqualTo(TestLeaves.numbered(7));
    assertThat(tree.inclusionProof(0, 1).path()).isEmpty();
  }

  @Test
  void leavesAreReturnedInAppendOrder() {
    List<Digest> leaves = TestLeaves.random(5000, 1);
    MerkleTree tree = TestLeaves.treeOf(leaves);
    assertThat(tree.size()).isEqualTo(5000);
    for (int i = 0; i < leaves.size(); i++) {
      assertThat(tree.leafHash(i)).isEqualTo(leaves.get(i));
    }
  }

  @Test
  void proofsFromSizeZeroAndBetweenEqualSizesAreEmpty() {
    MerkleTree tree = TestLeaves.treeOf(TestLeaves.random(10, 2));
    assertThat(tree.consistencyProof(0, 10).path()).isEmpty();
    assertThat(tree.consistencyProof(0, 0).path()).isEmpty();
    assertThat(tree.consistencyProof(6, 6).path()).isEmpty();
    assertThat(tree.consistencyProof(6, 6).verify(tree.rootHash(6), tree.rootHash(6))).isTrue();
  }

  @Test
  void appendingANullLeafIsRefused() {
    assertThatThrownBy(() -> new MerkleTree().append(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void outOfRangeArgumentsAreRefusedWithTheValidRange() {
    MerkleTree tree = TestLeaves.treeOf(TestLeaves.random(5, 3));
    assertThatThrownBy(() -> tree.leafHash(5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..4");
    assertThatThrownBy(() -> tree.leafHash(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MerkleTree().leafHash(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> tree.rootHash(6)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..5");
    assertThatThrownBy(() -> tree.rootHash(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.inclusionProof(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.inclusionProof(0, 6)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.inclusionProof(3, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("leaf index 3");
    assertThatThrownBy(() -> tree.inclusionProof(-1, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.consistencyProof(3, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("size1 3");
    assertThatThrownBy(() -> tree.consistencyProof(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.consistencyProof(2, 6)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pastRootsStayAvailableAsTheTreeGrows() {
    List<Digest> leaves = TestLeaves.random(1100, 4);
    MerkleTree tree = new MerkleTree();
    Digest[] live = new Digest[leaves.size() + 1];
    live[0] = tree.rootHash();
    for (int i = 0; i < leaves.size(); i++) {
      tree.append(leaves.get(i));
      live[i + 1] = tree.rootHash();
    }
    for (int size = 0; size <= leaves.size(); size++) {
      assertThat(tree.rootHash(size)).as("size %d", size).isEqualTo(live[size]);
    }
  }
}
