package org.ownerless.protocol.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.ownerless.protocol.crypto.Digest;

/**
 * An append-only sequence of 32-byte hashes stored as raw bytes in fixed-size chunks.
 *
 * <p>Raw bytes rather than Digest objects: a Digest costs roughly twice its 32 bytes in object
 * headers, which at millions of nodes is the difference between tens and hundreds of megabytes.
 * Fixed chunks rather than one growing array: growth never copies, and the column is not capped
 * by the 2 GiB limit of a single Java array.
 */
final class HashColumn {
  private static final int CHUNK_SHIFT = 12;
  private static final int CHUNK_HASHES = 1 << CHUNK_SHIFT;
  private static final int CHUNK_MASK = CHUNK_HASHES - 1;

  private final List<byte[]> chunks = new ArrayList<>();
  private long size;

  long size() {
    return size;
  }

  void append(Digest hash) {
    byte[] bytes = hash.toByteArray();
    System.arraycopy(bytes, 0, slotChunk(size), slotOffset(size), Digest.LENGTH);
    size++;
  }

  /** Finishes {@code md} straight into the next slot, sparing a Digest allocation per node. */
  void appendDigestOf(MessageDigest md) {
    try {
      md.digest(slotChunk(size), slotOffset(size), Digest.LENGTH);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException("SHA-256 always fits a 32-byte slot", e);
    }
    size++;
  }

  /** Drops the hashes from {@code newSize} on; their slots are overwritten by later appends. */
  void truncate(long newSize) {
    size = newSize;
  }

  Digest get(long index) {
    byte[] chunk = chunks.get(chunkIndex(index));
    int offset = slotOffset(index);
    byte[] out = new byte[Digest.LENGTH];
    System.arraycopy(chunk, offset, out, 0, Digest.LENGTH);
    return Digest.of(out);
  }

  /** Feeds the hash at {@code index} into {@code md} without materialising a Digest. */
  void updateInto(long index, MessageDigest md) {
    md.update(chunks.get(chunkIndex(index)), slotOffset(index), Digest.LENGTH);
  }

  private byte[] slotChunk(long index) {
    int chunk = chunkIndex(index);
    if (chunk == chunks.size()) {
      chunks.add(new byte[CHUNK_HASHES * Digest.LENGTH]);
    }
    return chunks.get(chunk);
  }

  private static int chunkIndex(long index) {
    return Math.toIntExact(index >>> CHUNK_SHIFT);
  }

  private static int slotOffset(long index) {
    return (int) (index & CHUNK_MASK) * Digest.LENGTH;
  }
}
