package org.ownerless.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ownerless.protocol.crypto.Digest;

/**
 * Checks the tree against docs/test-vectors/merkle.json, produced by an independent Python
 * transcription of the RFC recursions (docs/test-vectors/gen_merkle_vectors.py).
 */
class MerkleVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  private static List<byte[]> leafInputs;
  private static List<Digest> leafHashes;
  private static List<Digest> roots;
  private static JsonNode inclusion;
  private static JsonNode consistency;
  private static MerkleTree tree;

  @BeforeAll
  static void loadVectors() throws IOException {
    JsonNode root = new ObjectMapper().readTree(vectorFile().toFile());
    leafInputs = new ArrayList<>();
    leafHashes = new ArrayList<>();
    for (JsonNode leaf : root.get("leaves")) {
      leafInputs.add(HEX.parseHex(leaf.get("input").asText()));
      leafHashes.add(Digest.fromHex(leaf.get("leafHash").asText()));
    }
    roots = digests(root.get("roots"));
    inclusion = root.get("inclusion");
    consistency = root.get("consistency");
    tree = new MerkleTree();
    leafHashes.forEach(tree::append);
  }

  // Tests may run from the module or the repository root; find the docs either way.
  private static Path vectorFile() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("docs/test-vectors/merkle.json");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("docs/test-vectors/merkle.json not found above " + Path.of("").toAbsolutePath());
  }

  private static List<Digest> digests(JsonNode array) {
    List<Digest> out = new ArrayList<>();
    array.forEach(node -> out.add(Digest.fromHex(node.asText())));
    return out;
  }

  private static Digest rootOrNull(long size) {
    return size >= 0 && size < roots.size() ? roots.get((int) size) : null;
  }

  @Test
  void theVectorsCoverEveryCaseTheyPromise() {
    assertThat(leafInputs).hasSize(33).allSatisfy(input -> assertThat(input).hasSize(57));
    assertThat(roots).hasSize(34);
    assertThat(inclusion).hasSize(33 * 34 / 2);
    assertThat(consistency).hasSize(33 * 34 / 2);
  }

  @Test
  void leafHashesMatchTheVectors() {
    for (int i = 0; i < leafInputs.size(); i++) {
      assertThat(MerkleHashes.leafHash(leafInputs.get(i))).as("leaf %d", i).isEqualTo(leafHashes.get(i));
    }
  }

  @Test
  void rootsForEverySizeMatchTheVectorsBothLiveAndInHindsight() {
    MerkleTree growing = new MerkleTree();
    assertThat(growing.rootHash()).isEqualTo(roots.get(0));
    for (int i = 0; i < leafHashes.size(); i++) {
      growing.append(leafHashes.get(i));
      assertThat(growing.rootHash()).as("live root at size %d", i + 1).isEqualTo(roots.get(i + 1));
    }
    for (int size = 0; size < roots.size(); size++) {
      assertThat(tree.rootHash(size)).as("past root at size %d", size).isEqualTo(roots.get(size));
    }
  }

  @Test
  void generatedInclusionProofsAreExactlyTheVectorProofsAndVerify() {
    for (JsonNode v : inclusion) {
      long index = v.get("index").asLong();
      long size = v.get("size").asLong();
      List<Digest> expected = digests(v.get("path"));
      InclusionProof proof = tree.inclusionProof(index, size);
      assertThat(proof.path()).as("PATH(%d, D[%d])", index, size).isEqualTo(expected);
      assertThat(new InclusionProof(index, size, expected).verify(leafHashes.get((int) index), roots.get((int) size)))
          .as("PATH(%d, D[%d]) verifies", index, size)
          .isTrue();
    }
  }

  @Test
  void generatedConsistencyProofsAreExactlyTheVectorProofsAndVerify() {
    for (JsonNode v : consistency) {
      long size1 = v.get("size1").asLong();
      long size2 = v.get("size2").asLong();
      List<Digest> expected = digests(v.get("path"));
      ConsistencyProof proof = tree.consistencyProof(size1, size2);
      assertThat(proof.path()).as("PROOF(%d, D[%d])", size1, size2).isEqualTo(expected);
      assertThat(new ConsistencyProof(size1, size2, expected).verify(roots.get((int) size1), roots.get((int) size2)))
          .as("PROOF(%d, D[%d]) verifies", size1, size2)
          .isTrue();
    }
  }

  @Test
  void everyTamperedInclusionProofIsRejected() {
    for (JsonNode v : inclusion) {
      long index = v.get("index").asLong();
      long size = v.get("size").asLong();
      List<Digest> path = digests(v.get("path"));
      Digest leaf = leafHashes.get((int) index);
      Digest root = roots.get((int) size);
      String name = "PATH(" + index + ", D[" + size + "])";

      for (int element = 0; element < path.size(); element++) {
        for (int bit : new int[] {0, 255, (int) (index * 31 + element * 7) % 256}) {
          assertThat(new InclusionProof(index, size, Tamper.flipBit(path, element, bit)).verify(leaf, root))
              .as("%s with bit %d of element %d flipped", name, bit, element)
              .isFalse();
        }
      }
      assertThat(new InclusionProof(index, size, path).verify(Tamper.flipBit(leaf, 3), root)).as(name).isFalse();
      assertThat(new InclusionProof(index, size, path).verify(leaf, Tamper.flipBit(root, 3))).as(name).isFalse();
      for (long otherIndex : new long[] {index - 1, index + 1, size, -1}) {
        assertThat(new InclusionProof(otherIndex, size, path).verify(leaf, root))
            .as("%s claimed for index %d", name, otherIndex)
            .isFalse();
      }
      // A different size is only meaningful next to that size's root; the old root is not it.
      for (long otherSize : new long[] {size - 1, size + 1}) {
        Digest otherRoot = rootOrNull(otherSize);
        if (otherRoot != null) {
          assertThat(new InclusionProof(index, otherSize, path).verify(leaf, otherRoot))
              .as("%s claimed for size %d", name, otherSize)
              .isFalse();
        }
      }
      if (!path.isEmpty()) {
        assertThat(new InclusionProof(index, size, Tamper.withoutLast(path)).verify(leaf, root)).as(name).isFalse();
        assertThat(new InclusionProof(index, size, Tamper.withoutFirst(path)).verify(leaf, root)).as(name).isFalse();
      }
      assertThat(new InclusionProof(index, size, Tamper.plus(path, leaf)).verify(leaf, root)).as(name).isFalse();
      assertThat(new InclusionProof(index, size, Tamper.prefixedWith(leaf, path)).verify(leaf, root))
          .as(name)
          .isFalse();
    }
  }

  @Test
  void everyTamperedConsistencyProofIsRejected() {
    for (JsonNode v : consistency) {
      long size1 = v.get("size1").asLong();
      long size2 = v.get("size2").asLong();
      List<Digest> path = digests(v.get("path"));
      Digest root1 = roots.get((int) size1);
      Digest root2 = roots.get((int) size2);
      String name = "PROOF(" + size1 + ", D[" + size2 + "])";

      for (int element = 0; element < path.size(); element++) {
        for (int bit : new int[] {0, 255, (int) (size1 * 31 + size2 * 7 + element) % 256}) {
          assertThat(new ConsistencyProof(size1, size2, Tamper.flipBit(path, element, bit)).verify(root1, root2))
              .as("%s with bit %d of element %d flipped", name, bit, element)
              .isFalse();
        }
      }
      assertThat(new ConsistencyProof(size1, size2, path).verify(Tamper.flipBit(root1, 5), root2)).as(name).isFalse();
      assertThat(new ConsistencyProof(size1, size2, path).verify(root1, Tamper.flipBit(root2, 5))).as(name).isFalse();
      for (long[] sizes : new long[][] {
        {size1 - 1, size2}, {size1 + 1, size2}, {size1, size2 - 1}, {size1, size2 + 1}, {size2, size1}
      }) {
        if (sizes[0] == size1 && sizes[1] == size2) {
          continue;
        }
        // From size 0 the empty path is the genuine proof, so that one is not a forgery.
        if (sizes[0] == 0 && path.isEmpty()) {
          continue;
        }
        // Sizes only shape the walk; the roots carry the content. So the forgery that matters is a
        // proof presented next to the signed roots of the sizes it claims (the original roots may
        // legitimately fit another shape, e.g. PROOF(1, D[3]) also checks out as sizes 1 -> 4).
        Digest otherRoot1 = rootOrNull(sizes[0]);
        Digest otherRoot2 = rootOrNull(sizes[1]);
        if (otherRoot1 != null && otherRoot2 != null) {
          assertThat(new ConsistencyProof(sizes[0], sizes[1], path).verify(otherRoot1, otherRoot2))
              .as("%s claimed for sizes %d -> %d", name, sizes[0], sizes[1])
              .isFalse();
        }
      }
      if (!path.isEmpty()) {
        assertThat(new ConsistencyProof(size1, size2, Tamper.withoutLast(path)).verify(root1, root2))
            .as(name)
            .isFalse();
        assertThat(new ConsistencyProof(size1, size2, Tamper.withoutFirst(path)).verify(root1, root2))
            .as(name)
            .isFalse();
      }
      assertThat(new ConsistencyProof(size1, size2, Tamper.plus(path, root1)).verify(root1, root2))
          .as(name)
          .isFalse();
      assertThat(new ConsistencyProof(size1, size2, Tamper.prefixedWith(root1, path)).verify(root1, root2))
          .as(name)
          .isFalse();
    }
  }
}
