package org.ownerless.protocol.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.json.JsonFields;
import org.ownerless.protocol.json.StrictJson;

/**
 * One entry of an announce's {@code logs}: how far a rendition's log had got when the creator signed
 * the announce (docs/protocol.md §3). Since the announce is re-signed often and expires soon, it is
 * the signed statement a frozen mirror cannot fake: a root below it is stale.
 */
public record LogHead(String rendition, long epoch, long treeSize) {
  public LogHead {
    if (!Names.isRenditionName(rendition)) {
      throw new IllegalArgumentException("invalid rendition '" + rendition + "': " + Names.RENDITION_RULE);
    }
    if (epoch < 1 || epoch > StrictJson.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("logs epoch out of range: " + epoch);
    }
    if (treeSize < 0 || treeSize > StrictJson.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("logs treeSize out of range: " + treeSize);
    }
  }

  /** Whether {@code root} is behind this head: an earlier epoch, or the same epoch and a smaller tree. */
  public boolean isAhead(ManifestRoot root) {
    return root.epoch() < epoch || (root.epoch() == epoch && root.treeSize() < treeSize);
  }

  ObjectNode toJson() {
    ObjectNode o = StrictJson.mapper().createObjectNode();
    o.put("rendition", rendition);
    o.put("epoch", epoch);
    o.put("treeSize", treeSize);
    return o;
  }

  static LogHead fromJson(JsonFields f) throws ProtocolException {
    String rendition = f.string("rendition", Names.RENDITION, Names.RENDITION_RULE);
    long epoch = f.integer("epoch", 1, StrictJson.MAX_SAFE_INTEGER);
    long treeSize = f.integer("treeSize", 0, StrictJson.MAX_SAFE_INTEGER);
    f.rejectUnknown();
    return new LogHead(rendition, epoch, treeSize);
  }
}
