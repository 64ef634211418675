package org.ownerless.protocol.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.json.JsonFields;
import org.ownerless.protocol.json.StrictJson;
import org.ownerless.protocol.merkle.MerkleHashes;

/**
 * One segment of a rendition's log. The Merkle leaf commits to everything but the URI (index,
 * hash, size, duration, discontinuity); the URI is bound by the signed window that lists it.
 *
 * @param index position in the log since the epoch started; also the HLS media sequence number
 * @param durationUs duration in microseconds (EXTINF is written from this, six decimals)
 */
public record SegmentEntry(long index, String uri, long durationUs, Digest sha256, long size, boolean discontinuity) {
  public static final int LEAF_INPUT_LENGTH = 8 + Digest.LENGTH + 8 + 8 + 1;
  /** One hour: far beyond any sane segment, small enough that sums never overflow. */
  public static final long MAX_DURATION_US = 3_600_000_000L;
  public static final long MAX_SIZE = 1L << 32;

  public SegmentEntry {
    if (index < 0 || index > StrictJson.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("segment index out of range: " + index);
    }
    if (!Names.isSegmentUri(uri)) {
      throw new IllegalArgumentException("segment uri '" + uri + "' must be " + Names.SEGMENT_URI_RULE);
    }
    if (durationUs < 1 || durationUs > MAX_DURATION_US) {
      throw new IllegalArgumentException("segment duration out of range: " + durationUs + " us");
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("segment size out of range: " + size);
    }
  }

  /**
   * The fixed 57-byte leaf input: index (u64 BE) | sha256 (32) | size (u64 BE) | durationUs (u64 BE) |
   * flags (u8, bit 0 = discontinuity). Binary and fixed-width so every implementation encodes it alike.
   */
  public byte[] leafInput() {
    ByteBuffer buf = ByteBuffer.allocate(LEAF_INPUT_LENGTH);
    buf.putLong(index);
    buf.put(sha256.toByteArray());
    buf.putLong(size);
    buf.putLong(durationUs);
    buf.put((byte) (discontinuity ? 1 : 0));
    return buf.array();
  }

  public Digest leafHash() {
    return MerkleHashes.leafHash(leafInput());
  }

  static SegmentEntry fromJson(JsonNode node, String where) throws ProtocolException {
    JsonFields f = JsonFields.of(node, where);
    long index = f.integer("index", 0, StrictJson.MAX_SAFE_INTEGER);
    String uri = f.string("uri", Names.SEGMENT_URI, Names.SEGMENT_URI_RULE);
    long durationUs = f.integer("durationUs", 1, MAX_DURATION_US);
    Digest sha256;
    try {
      sha256 = Digest.fromHex(f.string("sha256", 64));
    } catch (IllegalArgumentException e) {
      throw f.error("sha256", e.getMessage());
    }
    long size = f.integer("size", 1, MAX_SIZE);
    boolean discontinuity = f.bool("discontinuity");
    f.rejectUnknown();
    return new SegmentEntry(index, uri, durationUs, sha256, size, discontinuity);
  }

  ObjectNode toJson() {
    ObjectNode o = StrictJson.mapper().createObjectNode();
    o.put("index", index);
    o.put("uri", uri);
    o.put("durationUs", durationUs);
    o.put("sha256", sha256.hex());
    o.put("size", size);
    o.put("discontinuity", discontinuity);
    return o;
  }
}
