package org.ownerless.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.ownerless.protocol.crypto.Digest;

class MerkleHashesTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void theEmptyRootIsTheHashOfTheEmptyString() {
    assertThat(MerkleHashes.emptyRoot().hex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void aLeafHashIsSha256OfAZeroBytePrefixAndTheInput() {
    byte[] input = HEX.parseHex("3031");
    assertThat(MerkleHashes.leafHash(input)).isEqualTo(Digest.sha256(HEX.parseHex("003031")));
  }

  @Test
  void aNodeHashIsSha256OfAOneBytePrefixAndBothChildren() {
    Digest left = Digest.sha256(new byte[] {1});
    Digest right = Digest.sha256(new byte[] {2});
    byte[] preimage = new byte[65];
    preimage[0] = 1;
    System.arraycopy(left.toByteArray(), 0, preimage, 1, 32);
    System.arraycopy(right.toByteArray(), 0, preimage, 33, 32);
    assertThat(MerkleHashes.nodeHash(left, right)).isEqualTo(Digest.sha256(preimage));
  }

  @Test
  void aLeafCannotBeMistakenForANodeWithTheSameBytes() {
    Digest left = Digest.sha256(new byte[] {1});
    Digest right = Digest.sha256(new byte[] {2});
    byte[] concatenated = new byte[64];
    System.arraycopy(left.toByteArray(), 0, concatenated, 0, 32);
    System.arraycopy(right.toByteArray(), 0, concatenated, 32, 32);
    assertThat(MerkleHashes.leafHash(concatenated)).isNotEqualTo(MerkleHashes.nodeHash(left, right));
  }

  @Test
  void theChildOrderMatters() {
    Digest a = Digest.sha256(new byte[] {1});
    Digest b = Digest.sha256(new byte[] {2});
    assertThat(MerkleHashes.nodeHash(a, b)).isNotEqualTo(MerkleHashes.nodeHash(b, a));
  }
}
