package org.ownerless.protocol.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.fixtures.Fixtures;
import org.ownerless.protocol.merkle.InclusionProof;
import org.ownerless.protocol.merkle.MerkleTree;
import org.ownerless.protocol.model.SegmentEntry;

/**
 * The central promise: no single flipped bit anywhere (announce, manifest, entry, segment, root,
 * signature) goes unnoticed. Signed objects are checked exhaustively, bit by bit.
 */
class SingleBitFlipTest {

  @Test
  void everySingleBitFlipOfAPublishedAnnounceFailsVerification() {
    byte[] good = Fixtures.announce(Fixtures.CREATOR, 3).sign(Fixtures.CREATOR).toCanonicalBytes();
    for (int bit = 0; bit < good.length * 8; bit++) {
      byte[] bad = flip(good, bit);
      assertThatThrownBy(() -> Verifier.verifyAnnounce(bad, null, Fixtures.NOW_MS)).as("bit %d", bit)
          .isInstanceOf(VerificationException.class);
    }
  }

  @Test
  void everySingleBitFlipOfAPublishedManifestFailsVerification() {
    byte[] good = Fixtures.manifest(Fixtures.CREATOR, 1, 9, 3, 6).sign(Fixtures.CREATOR).toCanonicalBytes();
    for (int bit = 0; bit < good.length * 8; bit++) {
      byte[] bad = flip(good, bit);
      assertThatThrownBy(() -> Verifier.verifyManifest(bad, null)).as("bit %d", bit)
          .isInstanceOf(VerificationException.class);
    }
  }

  @Property(tries = 300)
  void anyFlippedBitInSegmentBytesFailsTheEntry(@ForAll @Size(min = 1, max = 2000) byte[] segment,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int bitSeed) throws Exception {
    SegmentEntry entry = new SegmentEntry(0, "seg-0.ts", 2_000_000, Digest.sha256(segment), segment.length, false);
    Verifier.verifySegment(entry, segment);
    byte[] bad = flip(segment, bitSeed % (segment.length * 8));
    assertThatThrownBy(() -> Verifier.verifySegment(entry, bad)).isInstanceOf(VerificationException.class);
  }

  @Property(tries = 200)
  void anyFlippedBitInAnEntryOrRootBreaksItsInclusionInTheLog(@ForAll("logs") Log log,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int bitSeed) {
    SegmentEntry entry = Fixtures.entry(log.index);
    InclusionProof proof = log.tree.inclusionProof(log.index, log.tree.size());
    Digest root = log.tree.rootHash();
    assertThat(proof.verify(entry.leafHash(), root)).isTrue();

    byte[] leafInput = entry.leafInput();
    Digest tamperedLeaf = org.ownerless.protocol.merkle.MerkleHashes.leafHash(flip(leafInput, bitSeed % (leafInput.length * 8)));
    assertThat(proof.verify(tamperedLeaf, root)).isFalse();
    Digest tamperedRoot = Digest.of(flip(root.toByteArray(), bitSeed % 256));
    assertThat(proof.verify(entry.leafHash(), tamperedRoot)).isFalse();
  }

  @Provide
  Arbitrary<Log> logs() {
    return Arbitraries.integers().between(1, 200).flatMap(size ->
        Combinators.combine(Arbitraries.just(size), Arbitraries.integers().between(0, size - 1))
            .as((s, i) -> new Log(Fixtures.tree(s), i)));
  }

  record Log(MerkleTree tree, int index) {}

  static byte[] flip(byte[] bytes, int bit) {
    byte[] copy = bytes.clone();
    copy[bit / 8] ^= (byte) (1 << (bit % 8));
    return copy;
  }
}
