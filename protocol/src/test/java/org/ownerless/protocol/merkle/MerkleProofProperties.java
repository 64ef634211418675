package org.ownerless.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ownerless.protocol.crypto.Digest;

/**
 * Properties over random trees. Positions inside a tree are drawn as free integers and reduced
 * modulo the tree size, so every draw is usable and jqwik can still shrink failures.
 */
class MerkleProofProperties {

  @Property(tries = 200)
  void everyInclusionProofVerifiesAndMatchesTheRfcDefinition(
      @ForAll @IntRange(min = 1, max = 300) int size, @ForAll long seed, @ForAll @IntRange(min = 0) int pick) {
    List<Digest> leaves = TestLeaves.random(size, seed);
    MerkleTree tree = TestLeaves.treeOf(leaves);
    int treeSize = 1 + pick % size;
    Digest root = tree.rootHash(treeSize);
    List<Digest> prefix = leaves.subList(0, treeSize);
    for (int index = 0; index < treeSize; index++) {
      InclusionProof proof = tree.inclusionProof(index, treeSize);
      assertThat(proof.path()).isEqualTo(NaiveMerkle.path(index, prefix));
      assertThat(proof.verify(leaves.get(index), root)).as("leaf %d of %d", index, treeSize).isTrue();
    }
  }

  @Property(tries = 200)
  void everyConsistencyProofVerifiesAndMatchesTheRfcDefinition(
      @ForAll @IntRange(min = 1, max = 300) int size, @ForAll long seed, @ForAll @IntRange(min = 0) int pick) {
    List<Digest> leaves = TestLeaves.random(size, seed);
    MerkleTree tree = TestLeaves.treeOf(leaves);
    int size2 = 1 + pick % size;
    Digest root2 = tree.rootHash(size2);
    for (int size1 = 0; size1 <= size2; size1++) {
      ConsistencyProof proof = tree.consistencyProof(size1, size2);
      if (size1 > 0) {
        assertThat(proof.path()).isEqualTo(NaiveMerkle.proof(size1, leaves.subList(0, size2)));
      }
      assertThat(proof.verify(tree.rootHash(size1), root2)).as("%d -> %d", size1, size2).isTrue();
    }
  }

  @Property(tries = 300)
  void aTruncatedTreeGrownAgainIsTheTreeOfItsLeaves(
      @ForAll @IntRange(min = 1, max = 300) int size, @ForAll long seed, @ForAll @IntRange(min = 0) int pick,
      @ForAll @IntRange(min = 0, max = 70) int regrow) {
    List<Digest> leaves = TestLeaves.random(size, seed);
    MerkleTree tree = TestLeaves.treeOf(leaves);
    int kept = pick % (size + 1);
    tree.truncate(kept);
    assertThat(tree.size()).isEqualTo(kept);
    List<Digest> other = TestLeaves.random(regrow, ~seed);
    other.forEach(tree::append);
    List<Digest> expectedLeaves = new ArrayList<>(leaves.subList(0, kept));
    expectedLeaves.addAll(other);
    MerkleTree expected = TestLeaves.treeOf(expectedLeaves);
    int n = expectedLeaves.size();
    assertThat(tree.size()).isEqualTo(n);
    for (int s = 0; s <= n; s++) {
      assertThat(tree.rootHash(s)).as("root at %d", s).isEqualTo(expected.rootHash(s));
      assertThat(tree.frontier(s)).as("frontier at %d", s).isEqualTo(expected.frontier(s));
    }
    if (n > 0) {
      assertThat(tree.consistencyProof(kept == 0 ? 1 : kept, n).path())
          .isEqualTo(expected.consistencyProof(kept == 0 ? 1 : kept, n).path());
      assertThat(tree.inclusionProof(n - 1, n).path()).isEqualTo(expected.inclusionProof(n - 1, n).path());
    }
  }

  @Property(tries = 500)
  void flippingAnyBitOfAnInclusionProofTheLeafOrTheRootBreaksIt(
      @ForAll @IntRange(min = 1, max = 300) int size,
      @ForAll long seed,
      @ForAll @IntRange(min = 0) int pickIndex,
      @ForAll @IntRange(min = 0) int pickElement,
      @ForAll @IntRange(min = 0, max = 255) int bit) {
    List<Digest> leaves = TestLeaves.random(size, seed);
    MerkleTree tree = TestLeaves.treeOf(leaves);
    int index = pickIndex % size;
    InclusionProof proof = tree.inclusionProof(index, size);
    Digest leaf = leaves.get(index);
    Digest root = tree.rootHash();

    assertThat(proof.verify(Tamper.flipBit(leaf, bit), root)).isFalse();
    assertThat(proof.verify(leaf, Tamper.flipBit(root, bit))).isFalse();
    if (!proof.path().isEmpty()) {
      int element = pickElement % proof.path().size();
      InclusionProof tampered = new InclusionProof(index, size, Tamper.flipBit(proof.path(), element, bit));
      assertThat(tampered.verify(leaf, root)).isFalse();
    }
  }

  @Property(tries = 500)
  void flippingAnyBitOfAConsistencyProofOrEitherRootBreaksIt(
      @ForAll @IntRange(min = 2, max = 300) int size,
      @ForAll long seed,
      @ForAll @IntRange(min = 0) int pickSize1,
      @ForAll @IntRange(min = 0) int pickElement,
      @ForAll @IntRange(min = 0, max = 255) int bit) {
    List<Digest> leaves = TestLeaves.random(size, seed);
    MerkleTree tree = TestLeaves.treeOf(leaves);
    // From size 0 any roots pass with the empty proof, so there is nothing to break there.
    int size1 = 1 + pickSize1 % size;
    ConsistencyProof proof = tree.consistencyProof(size1, size);
    Digest root1 = tree.rootHash(size1);
    Digest root2 = tree.rootHash();

    assertThat(proof.verify(Tamper.flipBit(root1, bit), root2)).isFalse();
    assertThat(proof.verify(root1, Tamper.flipBit(root2, bit))).isFalse();
    if (!proof.path().isEmpty()) {
      int element = pickElement % proof.path().size();
      ConsistencyProof tampered = new ConsistencyProof(size1, size, Tamper.flipBit(proof.path(), element, bit));
      assertThat(tampered.verify(root1, root2)).isFalse();
    }
  }

  @Property(tries = 200)
  void pastRootsEqualTheRootOfAFreshTreeOfThatPrefix(
      @ForAll @IntRange(min = 1, max = 300) int size, @ForAll long seed, @ForAll @IntRange(min = 0) int pick) {
    List<Digest> leaves = TestLeaves.random(size, seed);
    MerkleTree tree = TestLeaves.treeOf(leaves);
    // Rebuilding every prefix is quadratic; the powers of two and their neighbours are where the
    // cached subtrees change shape, so those plus one arbitrary size cover the interesting cases.
    Set<Integer> pastSizes = new TreeSet<>(List.of(0, size, pick % (size + 1)));
    for (int p = 1; p <= size + 1; p *= 2) {
      pastSizes.addAll(List.of(p - 1, p, p + 1));
    }
    pastSizes.removeIf(k -> k > size);
    for (int k : pastSizes) {
      List<Digest> prefix = leaves.subList(0, k);
      assertThat(tree.rootHash(k))
          .as("size %d", k)
          .isEqualTo(TestLeaves.treeOf(prefix).rootHash())
          .isEqualTo(NaiveMerkle.mth(prefix));
    }
  }
}
