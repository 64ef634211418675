package org.ownerless.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ownerless.protocol.crypto.Digest;

/** The eight-leaf test tree published with Certificate Transparency, a known-answer check. */
class CertificateTransparencyTreeTest {
  private static final String[] LEAF_INPUTS = {
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"
  };

  private static final String[] ROOTS = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
  };

  private static List<Digest> leafHashes() {
    List<Digest> out = new ArrayList<>();
    for (String input : LEAF_INPUTS) {
      out.add(MerkleHashes.leafHash(HexFormat.of().parseHex(input)));
    }
    return out;
  }

  @Test
  void theRootAfterEachAppendIsTheKnownRootForThatSize() {
    MerkleTree tree = new MerkleTree();
    assertThat(tree.rootHash().hex()).isEqualTo(ROOTS[0]);
    for (Digest leaf : leafHashes()) {
      tree.append(leaf);
      assertThat(tree.rootHash().hex()).as("size %d", tree.size()).isEqualTo(ROOTS[(int) tree.size()]);
    }
  }

  @Test
  void pastRootsOfTheFullTreeAreTheKnownRoots() {
    MerkleTree tree = new MerkleTree();
    leafHashes().forEach(tree::append);
    for (int size = 0; size <= 8; size++) {
      assertThat(tree.rootHash(size).hex()).as("size %d", size).isEqualTo(ROOTS[size]);
    }
  }

  @Test
  void rootOfAListIsTheKnownRootForItsLength() {
    List<Digest> leaves = leafHashes();
    for (int size = 0; size <= 8; size++) {
      assertThat(MerkleTree.rootOf(leaves.subList(0, size)).hex()).isEqualTo(ROOTS[size]);
    }
  }

  @Test
  void everyProofBetweenKnownRootsVerifies() {
    MerkleTree tree = new MerkleTree();
    List<Digest> leaves = leafHashes();
    leaves.forEach(tree::append);
    for (int size = 1; size <= 8; size++) {
      Digest root = Digest.fromHex(ROOTS[size]);
      for (int index = 0; index < size; index++) {
        assertThat(tree.inclusionProof(index, size).verify(leaves.get(index), root)).isTrue();
      }
      for (int older = 0; older <= size; older++) {
        assertThat(tree.consistencyProof(older, size).verify(Digest.fromHex(ROOTS[older]), root)).isTrue();
      }
    }
  }
}
