package org.ownerless.protocol.merkle;

import java.security.MessageDigest;
import org.ownerless.protocol.crypto.Digest;

/**
 * The two hash functions of an RFC 9162 (RFC 6962) Merkle tree, SHA-256 instantiation.
 *
 * <p>Leaves and interior nodes get different one-byte prefixes so that no leaf can be passed off as
 * an interior node (second-preimage resistance of the tree, RFC 9162 §2.1.1).
 */
public final class MerkleHashes {
  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;
  private static final Digest EMPTY_ROOT = Digest.sha256(new byte[0]);

  // Looking a MessageDigest up through the provider machinery costs more than hashing 65 bytes,
  // and trees hash millions of nodes; digest() resets the instance, so reuse is safe.
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Digest::newSha256);

  private MerkleHashes() {}

  /** SHA-256(0x00 || leafInput). */
  public static Digest leafHash(byte[] leafInput) {
    MessageDigest md = SHA256.get();
    md.update(LEAF_PREFIX);
    md.update(leafInput);
    return Digest.finish(md);
  }

  /** SHA-256(0x01 || left || right). */
  public static Digest nodeHash(Digest left, Digest right) {
    MessageDigest md = SHA256.get();
    md.update(NODE_PREFIX);
    left.updateInto(md);
    right.updateInto(md);
    return Digest.finish(md);
  }

  /** The root of a tree with no leaves: SHA-256 of the empty string. */
  public static Digest emptyRoot() {
    return EMPTY_ROOT;
  }

  /** A reusable digest already fed the interior-node prefix; the caller adds both children. */
  static MessageDigest startNode() {
    MessageDigest md = SHA256.get();
    md.update(NODE_PREFIX);
    return md;
  }
}
