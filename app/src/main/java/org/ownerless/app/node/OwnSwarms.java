package org.ownerless.app.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.ownerless.protocol.model.Rendition;
import org.ownerless.protocol.model.StreamId;
import org.ownerless.viewer.SwarmHashes;

/**
 * The info_hashes of this node's own swarms, one per rendition of its stream, as its viewers compute
 * them: the node's tracker serves these and refuses every other (it is not a public tracker). Empty
 * until the ingest has decided the renditions; replaced whenever it decides them again, so a hash of a
 * rendition no longer announced is refused from then on. The studio maps the hashes back to renditions
 * to count each rendition's viewers.
 */
final class OwnSwarms implements Predicate<String> {
  /** info_hash → the rendition whose viewers announce it (equal renditions share one: the first names it). */
  private volatile Map<String, String> renditionByHash = Map.of();

  void renditions(StreamId stream, List<Rendition> renditions) {
    Map<String, String> byHash = new LinkedHashMap<>();
    for (Rendition r : renditions) {
      byHash.putIfAbsent(SwarmHashes.infoHash(stream, r), r.name());
    }
    renditionByHash = java.util.Collections.unmodifiableMap(byHash);
  }

  /** info_hash → rendition name, in rendition order. */
  Map<String, String> renditionByHash() {
    return renditionByHash;
  }

  @Override
  public boolean test(String infoHash) {
    return renditionByHash.containsKey(infoHash);
  }
}
