package org.ownerless.viewer.differential;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import org.ownerless.protocol.json.StrictJson;

/**
 * One input of the differential fuzzer: bytes as a viewer would receive them, the key it pins (or
 * null) and, for announces, the time it judges them at. {@code roots} holds a whole sequence, fed to
 * one root tracker in order. The JSON line is the format viewer/tools/verdicts.mjs reads.
 */
record FuzzCase(int id, Kind kind, byte[] bytes, List<byte[]> roots, String creator, long nowMs, String how) {
  enum Kind {
    ANNOUNCE, MANIFEST, PROOF, ROOTS
  }

  static FuzzCase single(int id, Kind kind, byte[] bytes, String creator, long nowMs, String how) {
    return new FuzzCase(id, kind, bytes, List.of(), creator, nowMs, how);
  }

  static FuzzCase sequence(int id, List<byte[]> roots, String creator, String how) {
    return new FuzzCase(id, Kind.ROOTS, new byte[0], List.copyOf(roots), creator, 0, how);
  }

  String toJsonLine() {
    ObjectNode line = StrictJson.mapper().createObjectNode();
    line.put("id", id);
    line.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
    if (kind == Kind.ROOTS) {
      ArrayNode list = line.putArray("roots");
      roots.forEach(r -> list.add(Base64.getEncoder().encodeToString(r)));
    } else {
      line.put("bytes", Base64.getEncoder().encodeToString(bytes));
    }
    if (creator == null) {
      line.putNull("creator");
    } else {
      line.put("creator", creator);
    }
    if (kind == Kind.ANNOUNCE) {
      line.put("nowMs", nowMs);
    }
    return line.toString();
  }
}
