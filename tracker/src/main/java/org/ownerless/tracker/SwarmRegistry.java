package org.ownerless.tracker;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * All swarms and connections of one tracker. One lock guards everything: the work per message is a
 * few map operations, and a single owner makes "remove every peer_id of a closed socket" trivially
 * consistent. Replies are written after the lock is released.
 */
public final class SwarmRegistry implements TrackerCounters {
  private final TrackerConfig config;
  private final Map<String, Swarm> swarms = new HashMap<>();
  private final Map<String, Integer> perIp = new HashMap<>();
  private int connections;
  private int peers;
  /** System.nanoTime, or a test's hand-moved clock for expiry. */
  private final LongSupplier clock;
  private long nextSweep;

  public SwarmRegistry(TrackerConfig config) {
    this(config, System::nanoTime);
  }

  SwarmRegistry(TrackerConfig config, LongSupplier clock) {
    this.config = config;
    this.clock = clock;
    this.nextSweep = clock.getAsLong();
  }

  public TrackerConfig config() {
    return config;
  }

  /** Counts a new connection; false when the total or per-IP cap is reached (the caller closes it). */
  synchronized boolean admit(String ip) {
    int fromIp = perIp.getOrDefault(ip, 0);
    if (connections >= config.maxConnections() || fromIp >= config.maxConnectionsPerIp()) {
      return false;
    }
    perIp.put(ip, fromIp + 1);
    connections++;
    return true;
  }

  /** The socket is gone: forget its peers in every swarm and its admission. */
  synchronized void closed(PeerConnection c, String ip) {
    for (Map.Entry<String, String> e : c.swarms.entrySet()) {
      Swarm s = swarms.get(e.getKey());
      if (s != null && s.get(e.getValue()) != null && s.get(e.getValue()).connection == c) {
        removePeer(s, e.getValue());
      }
    }
    c.swarms.clear();
    perIp.computeIfPresent(ip, (k, n) -> n <= 1 ? null : n - 1);
    connections--;
  }

  void handle(PeerConnection c, TrackerRequest r) throws TrackerException {
    List<Map.Entry<Channel, String>> out = new ArrayList<>();
    synchronized (this) {
      sweepIfDue();
      if (r.action().equals("scrape")) {
        out.add(Map.entry(c.channel, scrape(r.infoHashes())));
      } else {
        announce(c, r, out);
      }
    }
    for (Map.Entry<Channel, String> m : out) {
      m.getKey().writeAndFlush(new TextWebSocketFrame(m.getValue()));
    }
  }

  private void announce(PeerConnection c, TrackerRequest r, List<Map.Entry<Channel, String>> out)
      throws TrackerException {
    String hash = r.infoHashes().get(0);
    if (!config.infoHashAllowed().test(hash)) {
      throw new TrackerException("announce", "info_hash not allowed");
    }
    Swarm swarm = swarms.get(hash);
    Swarm.Peer peer = swarm == null ? null : swarm.get(r.peerId());
    if (peer != null && peer.connection != c) {
      // peer_id belongs to the connection that first used it here; a second socket cannot take it over.
      throw new TrackerException("announce", "peer_id in use by another connection");
    }
    if ("stopped".equals(r.event())) {
      if (peer != null) {
        removePeer(swarm, r.peerId());
        c.swarms.remove(hash);
      }
      out.add(Map.entry(c.channel, reply(hash, swarms.get(hash))));
      return;
    }
    if (peer == null) {
      String existing = c.swarms.get(hash);
      if (existing == null && c.swarms.size() >= config.maxSwarmsPerConnection()) {
        throw new TrackerException("announce", "too many swarms on this connection");
      }
      if (swarm == null) {
        swarm = new Swarm(hash);
        swarms.put(hash, swarm);
      }
      if (existing != null) {
        removePeer(swarm, existing); // one peer_id per connection per swarm
      }
      peer = swarm.add(r.peerId(), c);
      peers++;
      c.swarms.put(hash, r.peerId());
    }
    long now = clock.getAsLong();
    peer.lastSeenNanos = now;
    if ("completed".equals(r.event()) && !peer.complete) {
      swarm.downloaded++;
    }
    peer.complete = r.left() == 0 || "completed".equals(r.event());
    out.add(Map.entry(c.channel, reply(hash, swarm)));

    if (!r.offers().isEmpty()) {
      long expires = now + config.offerTtl().toNanos();
      int want = Math.min(r.offers().size(), r.numwant());
      List<Map.Entry<String, Swarm.Peer>> targets = swarm.randomOthers(r.peerId(), want);
      for (int i = 0; i < targets.size(); i++) {
        TrackerRequest.Offer o = r.offers().get(i);
        c.offerSent(o.offerId(), now, expires, config.maxOffers() * config.maxSwarmsPerConnection());
        out.add(Map.entry(targets.get(i).getValue().connection.channel, new JsonOut().field("action", "announce")
            .raw("offer", o.offerJson()).field("offer_id", o.offerId()).field("peer_id", r.peerId())
            .field("info_hash", hash).toString()));
      }
    }
    if (r.answer() != null) {
      Swarm.Peer to = swarm.get(r.toPeerId());
      // Relay only answers to offers the addressee really sent and that are still fresh.
      if (to == null || !to.connection.takeOffer(r.offerId(), now)) {
        throw new TrackerException("announce", "unknown or expired offer_id");
      }
      out.add(Map.entry(to.connection.channel, new JsonOut().field("action", "announce")
          .raw("answer", r.answer()).field("offer_id", r.offerId()).field("peer_id", r.peerId())
          .field("info_hash", hash).toString()));
    }
  }

  private String reply(String hash, Swarm swarm) {
    int complete = swarm == null ? 0 : swarm.complete();
    int all = swarm == null ? 0 : swarm.peers.size();
    return new JsonOut().field("action", "announce").field("interval", config.announceInterval())
        .field("info_hash", hash).field("complete", complete).field("incomplete", all - complete).toString();
  }

  private String scrape(List<String> hashes) {
    StringBuilder files = new StringBuilder("{");
    Iterable<String> which = hashes != null ? hashes : swarms.keySet();
    int n = 0;
    for (String h : which) {
      if (n++ >= TrackerRequest.MAX_SCRAPE) {
        break; // "all swarms" is capped like an explicit list
      }
      Swarm s = swarms.get(h);
      int complete = s == null ? 0 : s.complete();
      String entry = new JsonOut().field("complete", complete)
          .field("incomplete", s == null ? 0 : s.peers.size() - complete)
          .field("downloaded", s == null ? 0 : s.downloaded).toString();
      if (files.length() > 1) {
        files.append(',');
      }
      String key = new JsonOut().field("k", h).toString();
      files.append(key, 5, key.length() - 1).append(':').append(entry);
    }
    return new JsonOut().field("action", "scrape").raw("files", files.append('}').toString()).toString();
  }

  private void removePeer(Swarm s, String peerId) {
    if (s.get(peerId) != null) {
      s.remove(peerId);
      peers--;
    }
    if (s.peers.isEmpty()) {
      swarms.remove(s.infoHash);
    }
  }

  /** Drops peers that stopped announcing; run at most once a second, from message handling. */
  private void sweepIfDue() {
    long now = clock.getAsLong();
    if (now < nextSweep) {
      return;
    }
    nextSweep = now + 1_000_000_000L;
    long ttl = config.peerTtl().toNanos();
    for (Iterator<Swarm> it = swarms.values().iterator(); it.hasNext(); ) {
      Swarm s = it.next();
      List<String> dead = new ArrayList<>();
      s.peers.forEach((id, p) -> {
        if (now - p.lastSeenNanos > ttl) {
          dead.add(id);
        }
      });
      for (String id : dead) {
        Swarm.Peer p = s.get(id);
        p.connection.swarms.remove(s.infoHash, id);
        s.remove(id);
        peers--;
      }
      if (s.peers.isEmpty()) {
        it.remove();
      }
    }
  }

  @Override
  public synchronized int connections() {
    return connections;
  }

  @Override
  public synchronized int swarmCount() {
    return swarms.size();
  }

  @Override
  public synchronized int peerCount() {
    return peers;
  }
}
