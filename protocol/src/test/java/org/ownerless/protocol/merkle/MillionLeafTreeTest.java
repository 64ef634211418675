package org.ownerless.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ownerless.protocol.crypto.Digest;

/**
 * A long-running stream reaches a million segments; the live root must stay right all the way.
 * This is a correctness test at scale, deliberately without timing assertions.
 */
class MillionLeafTreeTest {
  private static final int LEAVES = 1_000_000;
  private static final long[] SAMPLED_SIZES = {
    1, 2, 3, 1023, 1024, 1025, 65_535, 65_536, 65_537, 524_287, 777_777, 999_999, 1_000_000
  };

  @Test
  void theLiveRootAfterEveryAppendMatchesAFreshRecomputationAtSampledSizes() {
    List<Digest> leaves = new ArrayList<>(LEAVES);
    for (int i = 0; i < LEAVES; i++) {
      leaves.add(TestLeaves.numbered(i));
    }
    MerkleTree tree = new MerkleTree();
    Digest[] liveAtSample = new Digest[SAMPLED_SIZES.length];
    for (int i = 0; i < LEAVES; i++) {
      tree.append(leaves.get(i));
      Digest live = tree.rootHash();
      int sample = Arrays.binarySearch(SAMPLED_SIZES, tree.size());
      if (sample >= 0) {
        liveAtSample[sample] = live;
      }
    }

    assertThat(tree.size()).isEqualTo(LEAVES);
    for (int s = 0; s < SAMPLED_SIZES.length; s++) {
      int size = (int) SAMPLED_SIZES[s];
      Digest fresh = NaiveMerkle.mth(leaves.subList(0, size));
      assertThat(liveAtSample[s]).as("live root at size %d", size).isEqualTo(fresh);
      assertThat(tree.rootHash(size)).as("past root at size %d", size).isEqualTo(fresh);
    }
  }

  @Test
  void proofsDeepInAMillionLeafTreeVerify() {
    MerkleTree tree = new MerkleTree();
    for (int i = 0; i < LEAVES; i++) {
      tree.append(TestLeaves.numbered(i));
    }
    Digest root = tree.rootHash();
    for (long index : new long[] {0, 1, 524_287, 524_288, 999_998, 999_999}) {
      InclusionProof proof = tree.inclusionProof(index, LEAVES);
      assertThat(proof.path()).hasSizeLessThanOrEqualTo(20);
      assertThat(proof.verify(TestLeaves.numbered(index), root)).as("leaf %d", index).isTrue();
    }
    for (long older : new long[] {1, 2, 3, 524_288, 777_777, 999_999}) {
      assertThat(tree.consistencyProof(older, LEAVES).verify(tree.rootHash(older), root)).as("from %d", older).isTrue();
    }
  }
}
