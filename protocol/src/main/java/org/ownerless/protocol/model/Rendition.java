package org.ownerless.protocol.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.json.JsonFields;
import org.ownerless.protocol.json.StrictJson;

/** One rung of the ladder as announced: what a player needs to choose it (like EXT-X-STREAM-INF). */
public record Rendition(String name, long bandwidth, int width, int height, String codecs) {
  private static final Pattern CODECS = Pattern.compile("[A-Za-z0-9.,_ -]{0,128}");

  public Rendition {
    if (!Names.isRenditionName(name)) {
      throw new IllegalArgumentException("invalid rendition name '" + name + "': " + Names.RENDITION_RULE);
    }
    if (bandwidth < 1 || bandwidth > 100_000_000_000L) {
      throw new IllegalArgumentException("rendition bandwidth out of range: " + bandwidth);
    }
    if (width < 0 || width > 16384 || height < 0 || height > 16384) {
      throw new IllegalArgumentException("rendition resolution out of range: " + width + "x" + height);
    }
    if (!CODECS.matcher(codecs).matches()) {
      throw new IllegalArgumentException("rendition codecs must be an RFC 6381 list, got '" + codecs + "'");
    }
  }

  static Rendition fromJson(JsonNode node, String where) throws ProtocolException {
    JsonFields f = JsonFields.of(node, where);
    String name = f.string("name", Names.RENDITION, Names.RENDITION_RULE);
    long bandwidth = f.integer("bandwidth", 1, 100_000_000_000L);
    int width = (int) f.integer("width", 0, 16384);
    int height = (int) f.integer("height", 0, 16384);
    String codecs = f.string("codecs", CODECS, "an RFC 6381 codecs list");
    f.rejectUnknown();
    return new Rendition(name, bandwidth, width, height, codecs);
  }

  ObjectNode toJson() {
    ObjectNode o = StrictJson.mapper().createObjectNode();
    o.put("name", name);
    o.put("bandwidth", bandwidth);
    o.put("width", width);
    o.put("height", height);
    o.put("codecs", codecs);
    return o;
  }
}
