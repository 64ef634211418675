package org.ownerless.tracker;

/** One peer_id in one swarm, owned by one connection. Guarded by the registry's lock. */
final class Peer {
  final WireId id;
  final Swarm swarm;
  final PeerConnection connection;
  /** Position in the swarm's member array (for O(1) removal and random picks). */
  int index;
  boolean complete;
  long lastSeenNanos;

  Peer(WireId id, Swarm swarm, PeerConnection connection) {
    this.id = id;
    this.swarm = swarm;
    this.connection = connection;
  }
}
