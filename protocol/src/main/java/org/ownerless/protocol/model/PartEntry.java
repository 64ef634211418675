package org.ownerless.protocol.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.json.JsonFields;
import org.ownerless.protocol.json.StrictJson;

/**
 * One completed LL-HLS part (EXT-X-PART) of the segment still being written (docs/protocol.md
 * §4.3). Parts are not leaves of the log: the root's signature covers them, so a client can check a
 * part's bytes before the segment it belongs to exists.
 *
 * @param independent the part starts with a keyframe (EXT-X-PART INDEPENDENT=YES)
 * @param init the initialization section of an fMP4 part, or {@code null} for MPEG-TS
 */
public record PartEntry(String uri, long durationUs, Digest sha256, long size, boolean independent,
    InitSection init) {

  public PartEntry {
    if (!Names.isSegmentUri(uri)) {
      throw new IllegalArgumentException("part uri '" + uri + "' must be " + Names.SEGMENT_URI_RULE);
    }
    if (durationUs < 1 || durationUs > ManifestParts.MAX_TOTAL_DURATION_US) {
      throw new IllegalArgumentException("part duration out of range: " + durationUs + " us");
    }
    if (sha256 == null) {
      throw new IllegalArgumentException("part without a sha256");
    }
    if (size < 1 || size > SegmentEntry.MAX_SIZE) {
      throw new IllegalArgumentException("part size out of range: " + size);
    }
  }

  /** An MPEG-TS part: no initialization section. */
  public PartEntry(String uri, long durationUs, Digest sha256, long size, boolean independent) {
    this(uri, durationUs, sha256, size, independent, null);
  }

  /** Parses one {@code parts} item; its {@code init}, if any, must name one of {@code inits} (by uri). */
  static PartEntry fromJson(JsonNode node, String where, Map<String, InitSection> inits) throws ProtocolException {
    JsonFields f = JsonFields.of(node, where);
    String uri = f.string("uri", Names.SEGMENT_URI, Names.SEGMENT_URI_RULE);
    long durationUs = f.integer("durationUs", 1, ManifestParts.MAX_TOTAL_DURATION_US);
    Digest sha256 = ManifestRoot.digest(f, "sha256");
    long size = f.integer("size", 1, SegmentEntry.MAX_SIZE);
    boolean independent = f.bool("independent");
    InitSection init = InitSection.named(f, inits);
    f.rejectUnknown();
    return new PartEntry(uri, durationUs, sha256, size, independent, init);
  }

  ObjectNode toJson() {
    ObjectNode o = StrictJson.mapper().createObjectNode();
    o.put("uri", uri);
    o.put("durationUs", durationUs);
    o.put("sha256", sha256.hex());
    o.put("size", size);
    o.put("independent", independent);
    if (init != null) {
      o.put("init", init.uri());
    }
    return o;
  }
}
