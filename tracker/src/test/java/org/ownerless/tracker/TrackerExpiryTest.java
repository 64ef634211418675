package org.ownerless.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ownerless.tracker.TrackerProtocolTest.A;
import static org.ownerless.tracker.TrackerProtocolTest.B;
import static org.ownerless.tracker.TrackerProtocolTest.HASH;
import static org.ownerless.tracker.TrackerProtocolTest.announce;
import static org.ownerless.tracker.TrackerProtocolTest.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Offer and peer expiry, on a clock the test moves by hand (no sleeping through real TTLs). */
class TrackerExpiryTest {
  static final Duration OFFER_TTL = Duration.ofSeconds(20);
  static final Duration PEER_TTL = Duration.ofSeconds(240);
  final AtomicLong clock = new AtomicLong(1_000_000_000L);
  TrackerServer server;
  int port;

  @BeforeEach
  void start() throws Exception {
    TrackerConfig config = TrackerConfig.builder().offerTtl(OFFER_TTL).peerTtl(PEER_TTL).build();
    server = new TrackerServer(new InetSocketAddress("127.0.0.1", 0), new SwarmRegistry(config, clock::get));
    port = server.start();
  }

  @AfterEach
  void stop() throws Exception {
    await(() -> server.connections() == 0 && server.peerCount() == 0 && server.swarmCount() == 0);
    server.close();
  }

  static String offer(String offerId) {
    return ",\"offers\":[{\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\"},\"offer_id\":\"" + offerId + "\"}]";
  }

  static String answer(String to, String offerId) {
    return ",\"answer\":{\"type\":\"answer\",\"sdp\":\"v=1\"},\"to_peer_id\":\"" + to + "\",\"offer_id\":\"" + offerId
        + "\"";
  }

  static final String SCRAPE = "{\"action\":\"scrape\",\"info_hash\":\"" + HASH + "\"}";

  @Test
  void anOfferCanBeAnsweredUntilItsTtlAndNotAfter() throws Exception {
    WsClient a = new WsClient(port);
    WsClient b = new WsClient(port);
    b.send(announce(B, ""));
    String fresh = "fresh-offer-00000000";
    String stale = "stale-offer-00000000";
    a.send(announce(A, offer(fresh)));
    assertThat(b.next()).contains(fresh);
    a.send(announce(A, offer(stale)));
    assertThat(b.next()).contains(stale);

    clock.addAndGet(OFFER_TTL.toNanos() - 1);
    b.post(announce(B, answer(A, fresh))); // relayed, not replied to
    assertThat(a.next()).contains("\"answer\"", fresh);

    clock.addAndGet(2);
    assertThat(b.send(announce(B, answer(A, stale)))).contains("unknown or expired offer_id");
    // Had the stale answer been relayed, A would have received it before this scrape's reply.
    assertThat(a.send(SCRAPE)).startsWith("{\"action\":\"scrape\"");
    a.close();
    b.close();
  }

  @Test
  void aPeerThatStopsAnnouncingIsDroppedAfterItsTtl() throws Exception {
    WsClient a = new WsClient(port);
    WsClient b = new WsClient(port);
    a.send(announce(A, ""));
    b.send(announce(B, ""));
    assertThat(server.peerCount()).isEqualTo(2);

    clock.addAndGet(PEER_TTL.toNanos() - 1_000_000_000L);
    assertThat(b.send(announce(B, ""))).as("A is not yet due").contains("\"incomplete\":2");

    clock.addAndGet(1_000_000_001L);
    // A has now been silent for longer than the TTL; B announced a second ago.
    assertThat(b.send(SCRAPE)).contains("\"incomplete\":1");
    assertThat(server.peerCount()).isEqualTo(1);
    // A still holds its socket: it may come back, under the same peer_id, and offers reach it again.
    assertThat(a.send(announce(A, ""))).contains("\"incomplete\":2");
    b.send(announce(B, offer("after-expiry-0000000")));
    assertThat(a.next()).contains("after-expiry-0000000");
    a.close();
    b.close();
  }

  @Test
  void aPeerDroppedForSilenceKeepsItsIdForItsSocketUntilTheSocketCloses() throws Exception {
    WsClient owner = new WsClient(port);
    WsClient squatter = new WsClient(port);
    owner.send(announce(A, ""));
    clock.addAndGet(PEER_TTL.toNanos() + 1);
    assertThat(squatter.send(SCRAPE)).contains("\"incomplete\":0");
    assertThat(server.peerCount()).as("dropped for silence").isZero();
    // The owner's socket is still open: its id is not up for grabs (nor are the offers meant for it).
    assertThat(squatter.send(announce(A, ""))).contains("peer_id in use by another connection");
    // The owner comes back under its id.
    assertThat(owner.send(announce(A, ""))).contains("\"incomplete\":1").doesNotContain("failure reason");
    // Silent again, and then gone: the id is free.
    clock.addAndGet(PEER_TTL.toNanos() + 1);
    assertThat(squatter.send(SCRAPE)).contains("\"incomplete\":0");
    owner.close();
    await(() -> server.connections() == 1);
    assertThat(squatter.send(announce(A, ""))).contains("\"incomplete\":1").doesNotContain("failure reason");
    squatter.close();
  }
}
