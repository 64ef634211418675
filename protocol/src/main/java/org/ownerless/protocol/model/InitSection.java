package org.ownerless.protocol.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.json.JsonFields;
import org.ownerless.protocol.json.StrictJson;

/**
 * The initialization section (ftyp+moov, HLS EXT-X-MAP) an fMP4/CMAF segment needs before it can
 * be decoded. Its hash and size are part of every leaf that uses it (docs/protocol.md §4.1), so the
 * creator signs it and the log binds it like the segment bytes themselves.
 */
public record InitSection(String uri, Digest sha256, long size) {
  /** An init section is a few kilobytes; a megabyte bounds what a reader ever fetches for one. */
  public static final long MAX_SIZE = 1L << 20;

  public InitSection {
    if (!Names.isSegmentUri(uri)) {
      throw new IllegalArgumentException("init uri '" + uri + "' must be " + Names.SEGMENT_URI_RULE);
    }
    if (sha256 == null) {
      throw new IllegalArgumentException("init section without a sha256");
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("init section size out of range: " + size + " (1.." + MAX_SIZE + ")");
    }
  }

  static InitSection fromJson(JsonNode node, String where) throws ProtocolException {
    JsonFields f = JsonFields.of(node, where);
    String uri = f.string("uri", Names.SEGMENT_URI, Names.SEGMENT_URI_RULE);
    Digest sha256 = ManifestRoot.digest(f, "sha256");
    long size = f.integer("size", 1, MAX_SIZE);
    f.rejectUnknown();
    return new InitSection(uri, sha256, size);
  }

  /**
   * The init section an entry or part names in its optional {@code init} field: one of the root's
   * {@code inits} (by uri), or {@code null} when the field is absent (MPEG-TS).
   */
  static InitSection named(JsonFields f, Map<String, InitSection> inits) throws ProtocolException {
    if (!f.has("init")) {
      return null;
    }
    String initUri = f.string("init", Names.SEGMENT_URI, Names.SEGMENT_URI_RULE);
    InitSection init = inits.get(initUri);
    if (init == null) {
      throw f.error("init", "names '" + initUri + "', which the root's inits do not list");
    }
    return init;
  }

  ObjectNode toJson() {
    ObjectNode o = StrictJson.mapper().createObjectNode();
    o.put("uri", uri);
    o.put("sha256", sha256.hex());
    o.put("size", size);
    return o;
  }
}
