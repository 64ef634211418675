package org.ownerless.protocol.merkle;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ownerless.protocol.crypto.Digest;

/** Leaf hashes for tests: distinct, reproducible from a seed. */
final class TestLeaves {
  private TestLeaves() {}

  static Digest numbered(long i) {
    return MerkleHashes.leafHash(ByteBuffer.allocate(8).putLong(i).array());
  }

  static List<Digest> random(int count, long seed) {
    Random random = new Random(seed);
    List<Digest> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] input = new byte[1 + random.nextInt(40)];
      random.nextBytes(input);
      out.add(MerkleHashes.leafHash(input));
    }
    return out;
  }

  static MerkleTree treeOf(List<Digest> leaves) {
    MerkleTree tree = new MerkleTree();
    leaves.forEach(tree::append);
    return tree;
  }
}
