package org.ownerless.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrackerProtocolTest {
  static final String HASH = "aaaaaaaaaaaaaaaaaaa\u00ff";
  static final String A = "-A0001-aaaaaaaaaaaaa";
  static final String B = "-B0001-bbbbbbbbbbbbb";
  TrackerServer server;
  int port;

  @BeforeEach
  void start() throws Exception {
    server = new TrackerServer(new InetSocketAddress("127.0.0.1", 0), TrackerConfig.defaults().withConnectionsPerIp(5));
    port = server.start();
  }

  @AfterEach
  void stop() throws Exception {
    await(() -> server.connections() == 0 && server.peerCount() == 0 && server.swarmCount() == 0);
    server.close();
  }

  static void await(BooleanSupplier c) {
    Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(c::getAsBoolean);
  }

  static String announce(String peer, String extra) {
    return "{\"action\":\"announce\",\"info_hash\":\"" + HASH + "\",\"peer_id\":\"" + peer
        + "\",\"numwant\":10,\"uploaded\":0,\"downloaded\":0,\"left\":1" + extra + "}";
  }

  @Test
  void offerReachesTheOtherPeerAndTheAnswerComesBack() throws Exception {
    WsClient a = new WsClient(port);
    WsClient b = new WsClient(port);
    assertThat(b.send(announce(B, ",\"event\":\"started\""))).contains("\"interval\":120", "\"incomplete\":1");
    String offerId = "offer-id-0000000000\u00e9";
    assertThat(a.send(announce(A, ",\"offers\":[{\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\"},\"offer_id\":\""
        + offerId + "\"}]"))).contains("\"action\":\"announce\"", "\"incomplete\":2");
    assertThat(b.next()).contains("\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\"}", "\"peer_id\":\"" + A + "\"",
        "\"offer_id\":\"" + offerId + "\"");
    String answer = ",\"answer\":{\"type\":\"answer\",\"sdp\":\"v=1\"},\"to_peer_id\":\"" + A
        + "\",\"offer_id\":\"" + offerId + "\"";
    b.post(announce(B, answer));
    assertThat(a.next()).contains("\"answer\":{\"type\":\"answer\",\"sdp\":\"v=1\"}", "\"peer_id\":\"" + B + "\"");
    // The same offer cannot be answered twice. (This failure is the next thing B hears: the accepted
    // answer got no reply of its own.)
    assertThat(b.send(announce(B, answer))).contains("failure reason", "unknown or expired offer_id");
    assertThat(a.send("{\"action\":\"scrape\",\"info_hash\":\"" + HASH + "\"}"))
        .contains("\"complete\":0,\"incomplete\":2");
    assertThat(a.send(announce(A, ",\"event\":\"stopped\""))).contains("\"incomplete\":1");
    assertThat(a.send("{\"action\":\"scrape\"}")).contains("\"incomplete\":1");
    assertThat(server.peerCount()).isEqualTo(1);
    a.close();
    b.close();
  }

  @Test
  void anAnswerWithoutLeftKeepsACompletePeerComplete() throws Exception {
    WsClient a = new WsClient(port);
    WsClient b = new WsClient(port);
    assertThat(b.send(announce(B, ",\"event\":\"completed\"").replace("\"left\":1", "\"left\":0")))
        .contains("\"complete\":1,\"incomplete\":0");
    String offerId = "offer-id-1111111111\u00e9";
    a.send(announce(A, ",\"offers\":[{\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\"},\"offer_id\":\"" + offerId + "\"}]"));
    assertThat(b.next()).contains("\"offer_id\":\"" + offerId + "\"");
    // What the npm client sends when it answers: no left, no event.
    b.post("{\"action\":\"announce\",\"info_hash\":\"" + HASH + "\",\"peer_id\":\"" + B
        + "\",\"to_peer_id\":\"" + A + "\",\"answer\":{\"type\":\"answer\",\"sdp\":\"v=1\"},\"offer_id\":\""
        + offerId + "\"}");
    assertThat(a.next()).contains("\"answer\"");
    assertThat(b.send("{\"action\":\"scrape\",\"info_hash\":\"" + HASH + "\"}"))
        .contains("\"complete\":1,\"incomplete\":1", "\"downloaded\":1");
    a.close();
    b.close();
  }

  @Test
  void malformedMessagesGetAFailureReasonWithAnAction() throws Exception {
    WsClient c = new WsClient(port);
    assertThat(c.send("{not json")).isEqualTo("{\"action\":\"announce\",\"failure reason\":\"invalid JSON\"}");
    assertThat(c.send("[1]")).contains("\"action\":\"announce\"", "must be a JSON object");
    assertThat(c.send("{\"action\":\"announce\",\"info_hash\":\"short\",\"peer_id\":\"" + A + "\"}"))
        .contains("invalid info_hash");
    assertThat(c.send(announce("0123456789abcdef0123456789abcdef01234567", ""))).contains("invalid peer_id");
    assertThat(c.send(announce("\u0100bcdefghijklmnopqrs", ""))).contains("invalid peer_id");
    assertThat(c.send("{\"action\":\"scrape\",\"info_hash\":[1]}"))
        .contains("\"action\":\"scrape\"", "invalid info_hash");
    assertThat(c.send(announce(A, ",\"answer\":{\"type\":\"answer\"},\"to_peer_id\":\"" + B
        + "\",\"offer_id\":\"xxxxxxxxxxxxxxxxxxxx\""))).contains("unknown or expired offer_id");
    assertThat(server.peerCount()).isEqualTo(1);
    c.close();
  }

  @Test
  void aSecondConnectionCannotUseAnotherConnectionsPeerId() throws Exception {
    WsClient a = new WsClient(port);
    WsClient thief = new WsClient(port);
    a.send(announce(A, ""));
    assertThat(thief.send(announce(A, ",\"event\":\"stopped\""))).contains("peer_id in use by another connection");
    assertThat(server.peerCount()).isEqualTo(1);
    a.close();
    thief.close();
  }

  @Test
  void aSquatterNeitherReplacesALivePeerNorGetsItsOffersAndTheIdIsFreeOnceItsSocketCloses() throws Exception {
    WsClient victim = new WsClient(port);
    WsClient squatter = new WsClient(port);
    WsClient c = new WsClient(port);
    victim.send(announce(A, ""));
    assertThat(squatter.send(announce(A, ""))).contains("peer_id in use by another connection");
    // Offers for A still go to the victim's socket, not the squatter's.
    c.send(announce(B, ",\"offers\":[{\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\"},\"offer_id\":\"offer-squat-00000000\"}]"));
    assertThat(victim.next()).contains("\"offer_id\":\"offer-squat-00000000\"");
    assertThat(squatter.in.poll(300, TimeUnit.MILLISECONDS)).isNull();
    victim.close();
    await(() -> server.peerCount() == 1);
    // The victim's socket is gone: its id is free for whoever announces it next.
    assertThat(squatter.send(announce(A, ""))).contains("\"incomplete\":2").doesNotContain("failure reason");
    squatter.close();
    c.close();
  }

  @Test
  void closingTheSocketRemovesItsPeersEverywhere() throws Exception {
    WsClient a = new WsClient(port);
    a.send(announce(A, ""));
    a.send(announce(A, "").replace(HASH, "bbbbbbbbbbbbbbbbbbbb"));
    assertThat(server.swarmCount()).isEqualTo(2);
    a.ws.abort();
  }

  @Test
  void binaryFramesAndOversizedMessagesClose() throws Exception {
    WsClient bin = new WsClient(port);
    bin.ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).get(5, TimeUnit.SECONDS);
    await(() -> bin.closed);
    WsClient big = new WsClient(port);
    big.ws.sendText("{\"action\":\"announce\",\"x\":\"" + "x".repeat(70_000) + "\"}", true);
    await(() -> big.closed);
  }

  @Test
  void connectionsOverThePerIpCapAreRefused() throws Exception {
    // Admission happens before the handshake answer, so refused sockets never become WebSockets.
    java.util.List<WsClient> clients = new java.util.ArrayList<>();
    int refused = 0;
    for (int i = 0; i < 8; i++) {
      try {
        clients.add(new WsClient(port));
      } catch (java.util.concurrent.ExecutionException e) {
        refused++;
      }
    }
    int refusedNow = refused;
    await(() -> refusedNow + clients.stream().filter(c -> c.closed).count() == 3);
    assertThat(server.connections()).isEqualTo(5);
    for (WsClient c : clients) {
      c.ws.abort();
    }
  }
}
