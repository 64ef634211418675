package org.ownerless.tracker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The peers of one info_hash. Guarded by the registry's lock. */
final class Swarm {
  static final class Peer {
    final PeerConnection connection;
    boolean complete;
    long lastSeenNanos;

    Peer(PeerConnection connection) {
      this.connection = connection;
    }
  }

  final String infoHash;
  final Map<String, Peer> peers = new HashMap<>();
  /** Same peers, for O(1) random picks without shuffling the whole swarm. */
  private final List<String> ids = new ArrayList<>();
  private final Map<String, Integer> positions = new HashMap<>();
  long downloaded;

  Swarm(String infoHash) {
    this.infoHash = infoHash;
  }

  Peer get(String peerId) {
    return peers.get(peerId);
  }

  Peer add(String peerId, PeerConnection c) {
    Peer p = new Peer(c);
    peers.put(peerId, p);
    positions.put(peerId, ids.size());
    ids.add(peerId);
    return p;
  }

  void remove(String peerId) {
    if (peers.remove(peerId) == null) {
      return;
    }
    int at = positions.remove(peerId);
    String last = ids.remove(ids.size() - 1);
    if (!last.equals(peerId)) {
      ids.set(at, last);
      positions.put(last, at);
    }
  }

  int complete() {
    int n = 0;
    for (Peer p : peers.values()) {
      if (p.complete) {
        n++;
      }
    }
    return n;
  }

  /** Up to {@code count} distinct random peers other than {@code except}. */
  List<Map.Entry<String, Peer>> randomOthers(String except, int count) {
    List<Map.Entry<String, Peer>> out = new ArrayList<>(Math.min(count, ids.size()));
    int n = ids.size();
    if (n == 0 || count <= 0) {
      return out;
    }
    int start = ThreadLocalRandom.current().nextInt(n);
    for (int i = 0; i < n && out.size() < count; i++) {
      String id = ids.get((start + i) % n);
      if (!id.equals(except)) {
        out.add(Map.entry(id, peers.get(id)));
      }
    }
    return out;
  }
}
