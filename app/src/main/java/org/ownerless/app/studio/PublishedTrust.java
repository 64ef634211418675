package org.ownerless.app.studio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.Rendition;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.signing.SignedObject;

/**
 * The trust side as viewers see it: the signed announce and each rendition's latest signed root, read
 * from the files the node publishes (the studio reads them; it never writes, and never asks the
 * manifest service, so it cannot disturb signing). Files that are missing or half-replaced read as
 * absent; the page says so and the next poll tries again.
 */
final class PublishedTrust {
  /** Far above any announce or root this node writes (a root's window is bounded), so reading stays cheap. */
  private static final long MAX_FILE = 8L * 1024 * 1024;
  private static final int HASH_PREFIX = 16;
  private final Path streamDir;

  PublishedTrust(Path streamDir) {
    this.streamDir = streamDir;
  }

  /** {"announce": {...} or null, "renditions": [...], "hints": {...} or null}. */
  ObjectNode read(long nowMs) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode out = f.objectNode();
    StreamAnnounce a = announce();
    ArrayNode roots = f.arrayNode();
    if (a == null) {
      out.putNull("announce");
      out.putNull("hints");
      out.set("roots", roots);
      return out;
    }
    ObjectNode an = out.putObject("announce");
    an.put("seq", a.seq());
    an.put("status", a.status().wire());
    an.put("issuedAtMs", a.issuedAtMs());
    an.put("expiresAtMs", a.expiresAtMs());
    an.put("expiresInMs", a.expiresAtMs() - nowMs);
    an.put("title", a.title());
    ObjectNode hints = out.putObject("hints");
    a.origins().forEach(hints.putArray("origins")::add);
    a.trackers().forEach(hints.putArray("trackers")::add);
    for (Rendition r : a.renditions()) {
      ObjectNode rn = roots.addObject();
      rn.put("rendition", r.name());
      rn.put("bandwidth", r.bandwidth());
      rn.put("resolution", r.width() > 0 ? r.width() + "x" + r.height() : null);
      ManifestRoot root = root(r.name());
      if (root == null) {
        rn.putNull("epoch");
        rn.putNull("treeSize");
        rn.putNull("rootHash");
        rn.putNull("ageMs");
      } else {
        rn.put("epoch", root.epoch());
        rn.put("treeSize", root.treeSize());
        rn.put("rootHash", root.rootHash().hex().substring(0, HASH_PREFIX));
        rn.put("ageMs", nowMs - root.timeMs());
      }
    }
    out.set("roots", roots);
    return out;
  }

  private StreamAnnounce announce() {
    SignedObject s = signed(streamDir.resolve(StreamLayout.ANNOUNCE));
    try {
      return s == null ? null : StreamAnnounce.fromSigned(s);
    } catch (ProtocolException e) {
      return null;
    }
  }

  private ManifestRoot root(String rendition) {
    SignedObject s = signed(streamDir.resolve(StreamLayout.manifest(rendition)));
    try {
      return s == null ? null : ManifestRoot.fromSigned(s);
    } catch (ProtocolException e) {
      return null;
    }
  }

  private static SignedObject signed(Path file) {
    try {
      if (Files.size(file) > MAX_FILE) {
        return null;
      }
      return SignedObject.parse(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return null; // not published yet
    } catch (IOException | ProtocolException e) {
      return null; // being replaced, or not ours to judge here: `ownerless verify` is
    }
  }
}
