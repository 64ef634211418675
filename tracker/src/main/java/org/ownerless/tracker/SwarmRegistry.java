package org.ownerless.tracker;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.ownerless.net.ConnectionLimiter;

/**
 * All swarms and connections of one tracker. One lock guards everything: the work per message is a
 * few map operations, and a single owner makes "remove every peer_id of a closed socket" trivially
 * consistent. Outbound messages are encoded under the lock into the calling thread's {@link Outbox}
 * and written after it is released. With one event-loop thread (the usual deployment on a small
 * machine) the lock is never contended.
 */
public final class SwarmRegistry implements TrackerCounters {
  private final TrackerConfig config;
  private final Map<WireId, Swarm> swarms = new HashMap<>();
  // The tracker's caps hold per registry, however many pipelines (standalone, origin upgrade) feed it.
  private final ConnectionLimiter limiter;
  private final Replies replies;
  private final long offerTtlNanos;
  private final long peerTtlNanos;
  /** Ids of peers dropped for silence whose sockets are still open (see {@link HeldId}). */
  private final Map<HeldId, PeerConnection> heldIds = new HashMap<>();
  private final int offersPerConnection;
  private int peers;
  /** System.nanoTime, or a test's hand-moved clock for expiry. */
  private final LongSupplier clock;
  private long nextSweep;
  /** Per event-loop thread scratch state (parser, outbox, idle sweeper); never shared between threads. */
  private final FastThreadLocal<LoopContext> loops = new FastThreadLocal<>() {
    @Override
    protected LoopContext initialValue() {
      return new LoopContext(config);
    }
  };

  public SwarmRegistry(TrackerConfig config) {
    this(config, System::nanoTime);
  }

  SwarmRegistry(TrackerConfig config, LongSupplier clock) {
    this.config = config;
    this.clock = clock;
    this.nextSweep = clock.getAsLong();
    this.replies = new Replies(config.announceInterval(), ByteBufAllocator.DEFAULT);
    this.offerTtlNanos = config.offerTtl().toNanos();
    this.peerTtlNanos = config.peerTtl().toNanos();
    this.offersPerConnection = config.maxOffers() * config.maxSwarmsPerConnection();
    this.limiter = new ConnectionLimiter("tracker", config.maxConnections(), config.maxConnectionsPerIp());
  }

  /** Goes first in every tracker pipeline: connections over the caps never reach a handler. */
  ConnectionLimiter limiter() {
    return limiter;
  }

  LoopContext loopContext() {
    return loops.get();
  }

  public TrackerConfig config() {
    return config;
  }

  /** The socket is gone: forget its peers in every swarm (the limiter frees its slot on its own). */
  synchronized void closed(PeerConnection c) {
    while (c.swarmCount() > 0) {
      removePeer(c.peer(c.swarmCount() - 1)); // also takes it off c's list
    }
    for (HeldId id : c.heldIds()) {
      heldIds.remove(id, c);
    }
  }

  /**
   * Handles one parsed message from {@code c}: state changes under the lock, replies into
   * {@code out} (delivered by the caller). On refusal nothing is queued and the exception carries
   * the failure reply.
   */
  void handle(PeerConnection c, TrackerRequest r, Outbox out) throws TrackerException {
    synchronized (this) {
      sweepIfDue();
      try {
        if (r.isScrape()) {
          out.add(c, scrape(r));
        } else {
          announce(c, r, out);
        }
      } catch (TrackerException | RuntimeException e) {
        out.discard();
        throw e;
      }
    }
  }

  private void announce(PeerConnection c, TrackerRequest r, Outbox out) throws TrackerException {
    WireId hash = r.infoHash();
    Swarm swarm = swarms.get(hash);
    if (!config.infoHashAllowed().test(swarm != null ? swarm.infoHashText : hash.toString())) {
      throw new TrackerException("announce", "info_hash not allowed");
    }
    Peer peer = swarm == null ? null : swarm.get(r.peerId);
    if (peer != null && peer.connection != c) {
      // peer_id belongs to the connection that first used it here; a second socket cannot take it over.
      throw new TrackerException("announce", "peer_id in use by another connection");
    }
    if (peer == null && !heldIds.isEmpty()) {
      HeldId key = new HeldId(hash, r.peerId);
      PeerConnection holder = heldIds.get(key);
      if (holder != null && holder != c) {
        // Dropped for silence, but its socket is open: still that socket's id.
        throw new TrackerException("announce", "peer_id in use by another connection");
      }
      if (holder == c) {
        heldIds.remove(key);
        c.release(key);
      }
    }
    if (r.event == TrackerRequest.Event.STOPPED) {
      if (peer != null) {
        removePeer(peer);
      }
      out.add(c, announceReply(hash, swarms.get(hash)));
      return;
    }
    if (peer == null) {
      Peer existing = swarm == null ? null : c.peerIn(swarm);
      if (existing == null && c.swarmCount() >= config.maxSwarmsPerConnection()) {
        throw new TrackerException("announce", "too many swarms on this connection");
      }
      if (swarm == null) {
        swarm = new Swarm(hash, hash.toString());
        swarms.put(hash, swarm);
      }
      if (existing != null) {
        // One peer_id per connection per swarm; the swarm stays (the new peer joins it right away).
        swarm.remove(existing);
        c.left(existing);
        peers--;
      }
      peer = swarm.add(r.peerId, c);
      c.joined(peer);
      peers++;
    }
    long now = clock.getAsLong();
    peer.lastSeenNanos = now;
    boolean completed = r.event == TrackerRequest.Event.COMPLETED;
    if (completed && !peer.complete) {
      swarm.downloaded++;
    }
    if (r.hasLeft || completed) {
      swarm.setComplete(peer, r.left == 0 || completed);
    }
    if (!r.hasAnswer()) {
      // An answer gets no announce reply (bittorrent-tracker sends none either): a stray reply would
      // arrive in the middle of the answerer's own announce exchange.
      out.add(c, announceReply(hash, swarm));
    }

    if (r.offerCount > 0) {
      relayOffers(c, r, swarm, peer, now, out);
    }
    if (r.hasAnswer()) {
      Peer to = r.toPeerId == null ? null : swarm.get(r.toPeerId);
      // Relay only answers to offers the addressee really sent and that are still fresh.
      if (to == null || !to.connection.takeOffer(r.offerIdHigh, r.offerIdMiddle, r.offerIdLow, now)) {
        throw new TrackerException("announce", "unknown or expired offer_id");
      }
      out.add(to.connection, replies.answer(r, hash));
    }
  }

  /** Each offer to a different random peer (at most numwant), walking the swarm from a random start. */
  private void relayOffers(PeerConnection c, TrackerRequest r, Swarm swarm, Peer from, long now, Outbox out) {
    int want = Math.min(r.offerCount, r.numwant);
    int n = swarm.size();
    int start = swarm.randomStart();
    long expires = now + offerTtlNanos;
    int sent = 0;
    for (int i = 0; i < n && sent < want; i++) {
      int at = start + i;
      Peer target = swarm.member(at >= n ? at - n : at);
      if (target == from) {
        continue;
      }
      if (!c.mayRelayOffer(now, config.offersPerSecond(), config.offerBurst())) {
        return; // over this connection's offer rate: the rest of its offers are dropped, not relayed
      }
      c.offerSent(r.offerIdHigh(sent), r.offerIdMiddle(sent), r.offerIdLow(sent), now, expires, offersPerConnection);
      out.add(target.connection, replies.offer(r, sent, swarm.infoHash));
      sent++;
    }
  }

  private ByteBuf announceReply(WireId hash, Swarm swarm) {
    int complete = swarm == null ? 0 : swarm.complete();
    int all = swarm == null ? 0 : swarm.size();
    return replies.announce(hash, complete, all - complete);
  }

  private ByteBuf scrape(TrackerRequest r) {
    ByteBuf b = replies.scrapeStart();
    int n = 0;
    if (r.hasInfoHash) {
      for (int i = 0; i < r.infoHashCount; i++) {
        scrapeEntry(b, n++ == 0, r.infoHashes[i], swarms.get(r.infoHashes[i]));
      }
    } else {
      for (Swarm s : swarms.values()) {
        if (n >= TrackerRequest.MAX_SCRAPE) {
          break; // "all swarms" is capped like an explicit list
        }
        scrapeEntry(b, n++ == 0, s.infoHash, s);
      }
    }
    return replies.scrapeEnd(b);
  }

  private void scrapeEntry(ByteBuf b, boolean first, WireId hash, Swarm s) {
    int complete = s == null ? 0 : s.complete();
    replies.scrapeEntry(b, first, hash, complete, s == null ? 0 : s.size() - complete, s == null ? 0 : s.downloaded);
  }

  /** Removes p from its swarm (and the swarm if now empty) and from its connection. */
  private void removePeer(Peer p) {
    Swarm s = p.swarm;
    if (s.remove(p)) {
      peers--;
    }
    p.connection.left(p);
    if (s.size() == 0 && swarms.get(s.infoHash) == s) {
      swarms.remove(s.infoHash);
    }
  }

  /**
   * Keeps a dropped peer's id its connection's while the socket is open, at most
   * maxSwarmsPerConnection per connection (the oldest is given up beyond that).
   */
  private void hold(HeldId id, PeerConnection owner) {
    if (!owner.channel.isOpen()) {
      return; // closing: closed() is about to forget what it holds
    }
    heldIds.put(id, owner);
    HeldId givenUp = owner.hold(id, config.maxSwarmsPerConnection());
    if (givenUp != null) {
      heldIds.remove(givenUp, owner);
    }
  }

  /** Drops peers that stopped announcing; run at most once a second, from message handling. */
  private void sweepIfDue() {
    long now = clock.getAsLong();
    if (now < nextSweep) {
      return;
    }
    nextSweep = now + 1_000_000_000L;
    List<Peer> dead = new ArrayList<>();
    for (Iterator<Swarm> it = swarms.values().iterator(); it.hasNext(); ) {
      Swarm s = it.next();
      for (int i = 0; i < s.size(); i++) {
        Peer p = s.member(i);
        if (now - p.lastSeenNanos > peerTtlNanos) {
          dead.add(p);
        }
      }
      for (Peer p : dead) {
        s.remove(p);
        p.connection.left(p);
        peers--;
        hold(new HeldId(s.infoHash, p.id), p.connection);
      }
      dead.clear();
      if (s.size() == 0) {
        it.remove();
      }
    }
  }

  @Override
  public int connections() {
    return limiter.active();
  }

  @Override
  public synchronized int swarmCount() {
    return swarms.size();
  }

  @Override
  public synchronized int peerCount() {
    return peers;
  }

  /** Peers in the swarm of {@code infoHash} (as {@link TrackerConfig#infoHashAllowed()} sees it); 0 when there is none. */
  public synchronized int peerCount(String infoHash) {
    for (Swarm s : swarms.values()) {
      if (s.infoHashText.equals(infoHash)) {
        return s.size();
      }
    }
    return 0;
  }
}
