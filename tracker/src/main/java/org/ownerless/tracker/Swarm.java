package org.ownerless.tracker;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The peers of one info_hash: a map by peer_id and an array of the same peers for random picks
 * (swap-remove; each peer knows its slot). The complete count is kept up to date rather than
 * counted per reply. Guarded by the registry's lock.
 */
final class Swarm {
  final WireId infoHash;
  /** The info_hash as the String {@link TrackerConfig#infoHashAllowed()} takes, made once per swarm. */
  final String infoHashText;
  private final Map<WireId, Peer> byId = new HashMap<>(4);
  private Peer[] members = new Peer[2];
  private int size;
  private int complete;
  long downloaded;

  Swarm(WireId infoHash, String infoHashText) {
    this.infoHash = infoHash;
    this.infoHashText = infoHashText;
  }

  Peer get(WireId peerId) {
    return byId.get(peerId);
  }

  int size() {
    return size;
  }

  int complete() {
    return complete;
  }

  Peer member(int i) {
    return members[i];
  }

  Peer add(WireId peerId, PeerConnection c) {
    Peer p = new Peer(peerId, this, c);
    byId.put(peerId, p);
    if (size == members.length) {
      members = Arrays.copyOf(members, size * 2);
    }
    p.index = size;
    members[size++] = p;
    return p;
  }

  void setComplete(Peer p, boolean now) {
    if (p.complete != now) {
      p.complete = now;
      complete += now ? 1 : -1;
    }
  }

  /** Removes p if it is still this swarm's peer for its id; true if it was. */
  boolean remove(Peer p) {
    if (byId.get(p.id) != p) {
      return false;
    }
    byId.remove(p.id);
    if (p.complete) {
      complete--;
    }
    Peer last = members[--size];
    members[p.index] = last;
    last.index = p.index;
    members[size] = null;
    if (size < members.length / 4 && members.length > 8) {
      members = Arrays.copyOf(members, members.length / 2);
    }
    return true;
  }

  /** Index of a random member to start a wrap-around walk at (no shuffling of the whole swarm). */
  int randomStart() {
    return size == 0 ? 0 : ThreadLocalRandom.current().nextInt(size);
  }
}
