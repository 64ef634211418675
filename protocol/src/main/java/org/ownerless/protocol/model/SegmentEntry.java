package org.ownerless.protocol.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Map;
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
 * @param init the initialization section of an fMP4/CMAF segment, or {@code null} for MPEG-TS
 */
public record SegmentEntry(long index, String uri, long durationUs, Digest sha256, long size, boolean discontinuity,
    InitSection init) {
  /** The leaf input of a TS segment. */
  public static final int LEAF_INPUT_LENGTH = 8 + Digest.LENGTH + 8 + 8 + 1;
  /** The leaf input of an fMP4 segment: the TS fields, then the init section's sha256 and size. */
  public static final int LEAF_INPUT_LENGTH_WITH_INIT = LEAF_INPUT_LENGTH + Digest.LENGTH + 8;
  /** Flag bit 0: the segment starts a discontinuity. */
  public static final int FLAG_DISCONTINUITY = 1;
  /** Flag bit 1: the leaf input ends with an initialization section's sha256 and size. */
  public static final int FLAG_INIT = 2;
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

  /** An MPEG-TS segment: no initialization section. */
  public SegmentEntry(long index, String uri, long durationUs, Digest sha256, long size, boolean discontinuity) {
    this(index, uri, durationUs, sha256, size, discontinuity, null);
  }

  public boolean hasInit() {
    return init != null;
  }

  /**
   * The leaf input: index (u64 BE) | sha256 (32) | size (u64 BE) | durationUs (u64 BE) | flags (u8,
   * bit 0 = discontinuity, bit 1 = has an init section), 57 bytes; an fMP4 entry appends the init
   * section's sha256 (32) and size (u64 BE), 97 bytes. Binary and fixed-width per kind so every
   * implementation encodes it alike, and the init is signed through the log like the segment.
   */
  public byte[] leafInput() {
    ByteBuffer buf = ByteBuffer.allocate(init == null ? LEAF_INPUT_LENGTH : LEAF_INPUT_LENGTH_WITH_INIT);
    buf.putLong(index);
    buf.put(sha256.toByteArray());
    buf.putLong(size);
    buf.putLong(durationUs);
    buf.put((byte) ((discontinuity ? FLAG_DISCONTINUITY : 0) | (init == null ? 0 : FLAG_INIT)));
    if (init != null) {
      buf.put(init.sha256().toByteArray());
      buf.putLong(init.size());
    }
    return buf.array();
  }

  public Digest leafHash() {
    return MerkleHashes.leafHash(leafInput());
  }

  /** Parses a window entry; its {@code init}, if any, must name one of {@code inits} (by uri). */
  static SegmentEntry fromJson(JsonNode node, String where, Map<String, InitSection> inits)
      throws ProtocolException {
    JsonFields f = JsonFields.of(node, where);
    long index = f.integer("index", 0, StrictJson.MAX_SAFE_INTEGER);
    String uri = f.string("uri", Names.SEGMENT_URI, Names.SEGMENT_URI_RULE);
    long durationUs = f.integer("durationUs", 1, MAX_DURATION_US);
    Digest sha256 = ManifestRoot.digest(f, "sha256");
    long size = f.integer("size", 1, MAX_SIZE);
    boolean discontinuity = f.bool("discontinuity");
    InitSection init = InitSection.named(f, inits);
    f.rejectUnknown();
    return new SegmentEntry(index, uri, durationUs, sha256, size, discontinuity, init);
  }

  ObjectNode toJson() {
    ObjectNode o = StrictJson.mapper().createObjectNode();
    o.put("index", index);
    o.put("uri", uri);
    o.put("durationUs", durationUs);
    o.put("sha256", sha256.hex());
    o.put("size", size);
    o.put("discontinuity", discontinuity);
    if (init != null) {
      o.put("init", init.uri());
    }
    return o;
  }
}
