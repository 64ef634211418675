package org.ownerless.tracker;

import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * What the tracker remembers about one WebSocket connection: its peers (one per swarm it joined,
 * usually just one, so a small array instead of a map) and the offers it sent that may still be
 * answered (created on first use). Guarded by the registry's lock, except {@link #lastActiveNanos}
 * and {@link #flushPending}, which only the channel's event loop touches.
 */
final class PeerConnection {
  final Channel channel;
  private Peer[] peers;
  private int peerCount;
  private SentOffers offers;
  /** Ids of this connection's peers dropped for silence, still its own (oldest first); null when none. */
  private ArrayDeque<HeldId> held;
  /** Offers this connection may still have relayed; created on its first offer. */
  private OfferBucket offerBudget;
  /** Set under the lock when it flooded offers; its handler closes it once the replies are out. */
  boolean abusive;
  long lastActiveNanos;
  boolean flushPending;
  /** Slot in its event loop's {@link IdleSweeper}, -1 when not watched. */
  int idleSlot = -1;

  PeerConnection(Channel channel) {
    this.channel = channel;
  }

  int swarmCount() {
    return peerCount;
  }

  /** This connection's peer in {@code swarm}, or null. */
  Peer peerIn(Swarm swarm) {
    for (int i = 0; i < peerCount; i++) {
      if (peers[i].swarm == swarm) {
        return peers[i];
      }
    }
    return null;
  }

  Peer peer(int i) {
    return peers[i];
  }

  /**
   * Records {@code id} as still this connection's; returns the oldest one given up when more than
   * {@code max} are held (the bound keeps a socket from holding ids without end), else null.
   */
  HeldId hold(HeldId id, int max) {
    if (held == null) {
      held = new ArrayDeque<>(2);
    }
    held.addLast(id);
    return held.size() > max ? held.pollFirst() : null;
  }

  /** {@code id} is announced again by this connection: a peer once more, no longer only held. */
  void release(HeldId id) {
    if (held != null) {
      held.remove(id);
    }
  }

  /** The ids this connection holds (for its close); empty when none. */
  Iterable<HeldId> heldIds() {
    return held == null ? List.of() : held;
  }

  void joined(Peer p) {
    if (peers == null) {
      peers = new Peer[1];
    } else if (peerCount == peers.length) {
      peers = Arrays.copyOf(peers, peerCount * 2);
    }
    peers[peerCount++] = p;
  }

  void left(Peer p) {
    for (int i = 0; i < peerCount; i++) {
      if (peers[i] == p) {
        peers[i] = peers[--peerCount];
        peers[peerCount] = null;
        if (peerCount == 0) {
          peers = null;
        }
        return;
      }
    }
  }

  /** True if an offer may be relayed at {@code now} (one token taken), false if it is to be dropped. */
  boolean mayRelayOffer(long now, int perSecond, int burst) {
    if (offerBudget == null) {
      offerBudget = new OfferBucket(perSecond, burst, now);
    }
    boolean ok = offerBudget.take(now);
    if (!ok && offerBudget.abusive()) {
      abusive = true;
    }
    return ok;
  }

  int droppedOffers() {
    return offerBudget == null ? 0 : offerBudget.dropped();
  }

  void offerSent(long high, long middle, int low, long now, long expires, int cap) {
    if (offers == null) {
      offers = new SentOffers(cap);
    }
    offers.add(high, middle, low, expires, now);
  }

  /** True (and forgets it) if, at {@code now}, this connection sent the offer and it has not expired. */
  boolean takeOffer(long high, long middle, int low, long now) {
    if (offers == null) {
      return false;
    }
    boolean fresh = offers.take(high, middle, low, now);
    if (offers.size() == 0) {
      offers = null;
    }
    return fresh;
  }
}
