package org.ownerless.tracker;

import io.netty.channel.Channel;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * What the tracker remembers about one WebSocket connection: the (swarm, peer_id) pairs it owns and
 * the offers it sent that may still be answered. Guarded by the registry's lock.
 */
final class PeerConnection {
  final Channel channel;
  /** info_hash → peer_id this connection announced there. */
  final Map<String, String> swarms = new HashMap<>();
  /** offer_id → expiry (System.nanoTime) of offers this connection sent. */
  private final Map<String, Long> sentOffers = new HashMap<>();

  PeerConnection(Channel channel) {
    this.channel = channel;
  }

  void offerSent(String offerId, long now, long expiresNanos, int cap) {
    if (sentOffers.size() >= cap) {
      for (Iterator<Long> it = sentOffers.values().iterator(); it.hasNext(); ) {
        if (it.next() <= now) {
          it.remove();
        }
      }
      if (sentOffers.size() >= cap) {
        sentOffers.remove(sentOffers.keySet().iterator().next());
      }
    }
    sentOffers.put(offerId, expiresNanos);
  }

  /** True (and forgets it) if, at {@code now}, this connection sent {@code offerId} and it has not expired. */
  boolean takeOffer(String offerId, long now) {
    Long expires = sentOffers.remove(offerId);
    return expires != null && expires > now;
  }
}
