package org.ownerless.protocol.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.json.JsonFields;
import org.ownerless.protocol.json.StrictJson;
import org.ownerless.protocol.merkle.MerkleHashes;

/**
 * Where a rendition's log of the previous epoch ended: the {@code previous} field every root of an
 * epoch after the first carries (docs/protocol.md §4.3). It makes a new epoch a signed continuation
 * rather than a silent restart: a reader holding the old log checks the new one starts from its end.
 */
public record EpochLink(long epoch, long treeSize, Digest rootHash) {
  public EpochLink {
    if (epoch < 1 || epoch > StrictJson.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("previous.epoch out of range: " + epoch);
    }
    if (treeSize < 0 || treeSize > StrictJson.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("previous.treeSize out of range: " + treeSize);
    }
    if (treeSize == 0 && !rootHash.equals(MerkleHashes.emptyRoot())) {
      throw new IllegalArgumentException("previous.rootHash of an empty log must be the empty-tree hash");
    }
  }

  /** The link to a previous epoch in which this rendition published nothing. */
  public static EpochLink empty(long epoch) {
    return new EpochLink(epoch, 0, MerkleHashes.emptyRoot());
  }

  /** Whether {@code root} is the end of the log this link names. */
  public boolean isEndOf(ManifestRoot root) {
    return root.epoch() == epoch && root.treeSize() == treeSize && root.rootHash().equals(rootHash);
  }

  ObjectNode toJson() {
    ObjectNode o = StrictJson.mapper().createObjectNode();
    o.put("epoch", epoch);
    o.put("treeSize", treeSize);
    o.put("rootHash", rootHash.hex());
    return o;
  }

  static EpochLink fromJson(JsonFields f) throws ProtocolException {
    long epoch = f.integer("epoch", 1, StrictJson.MAX_SAFE_INTEGER);
    long treeSize = f.integer("treeSize", 0, StrictJson.MAX_SAFE_INTEGER);
    Digest rootHash;
    try {
      rootHash = Digest.fromHex(f.string("rootHash", 64));
    } catch (IllegalArgumentException e) {
      throw f.error("rootHash", e.getMessage());
    }
    f.rejectUnknown();
    try {
      return new EpochLink(epoch, treeSize, rootHash);
    } catch (IllegalArgumentException e) {
      throw f.error("rootHash", e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "epoch " + epoch + " size " + treeSize + " root " + rootHash;
  }
}
