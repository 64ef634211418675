package org.ownerless.app.node;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.ownerless.protocol.model.Rendition;
import org.ownerless.protocol.model.StreamId;
import org.ownerless.viewer.SwarmHashes;

/**
 * The info_hashes of this node's own swarms, one per rendition of its stream, as its viewers compute
 * them: the node's tracker serves these and refuses every other (it is not a public tracker). Empty
 * until the ingest has decided the renditions; replaced whenever it decides them again, so a hash of a
 * rendition no longer announced is refused from then on.
 */
final class OwnSwarms implements Predicate<String> {
  private volatile Set<String> hashes = Set.of();

  void renditions(StreamId stream, List<Rendition> renditions) {
    hashes = Set.copyOf(SwarmHashes.of(stream, renditions));
  }

  @Override
  public boolean test(String infoHash) {
    return hashes.contains(infoHash);
  }
}
