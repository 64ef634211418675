package org.ownerless.origin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ownerless.origin.http.StreamTree.STREAM;

import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlowClientsTest {
  @TempDir Path data;
  RunningOrigin origin;
  final List<RawClient> clients = new ArrayList<>();

  private void start(UnaryOperator<OriginLimits> limits) throws Exception {
    StreamTree tree = StreamTree.in(data);
    origin = RunningOrigin.start(b -> b.staticRoot("/streams/", tree.streams)
        .limits(limits.apply(OriginLimits.defaults())));
  }

  private RawClient connect() throws Exception {
    RawClient c = RawClient.connect(origin.port);
    clients.add(c);
    return c;
  }

  @AfterEach
  void stop() throws Exception {
    for (RawClient c : clients) {
      c.close();
    }
    origin.close();
  }

  @Test
  void clientsThatNeverFinishTheirHeadersAreClosedAfterTheHeaderTimeoutWhileOthersAreServed()
      throws Exception {
    Duration headerTimeout = Duration.ofSeconds(3);
    start(l -> l.withHeaderTimeout(headerTimeout));
    long started = System.nanoTime();
    List<RawClient> slow = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      slow.add(connect().send("GET /streams/" + StreamTree.PUB + "/sh"));
    }

    // The server accepts and admits on several event loops: wait until it holds all 20 (milliseconds,
    // well inside the header timeout) so that the count below says who is still connected.
    await("the 20 slow clients admitted").atMost(headerTimeout).until(() -> origin.activeConnections() == 20);

    // Meanwhile a normal viewer is served: while every slow client still holds its connection, not
    // after the server has cut them (whatever the machine's speed, the order is what is asserted).
    try (RawClient viewer = RawClient.connect(origin.port)) {
      assertThat(viewer.send(RawClient.get(STREAM + "master.m3u8")).read().status()).isEqualTo(200);
      assertThat(origin.activeConnections()).as("the 20 slow clients and the viewer, all still connected")
          .isEqualTo(21);
    }

    for (RawClient c : slow) {
      assertThat(c.closedByServerWithin(headerTimeout.plusSeconds(5))).isTrue();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(headerTimeout.minusMillis(100));
    await("all slow connections released").atMost(Duration.ofSeconds(5)).until(() -> origin.activeConnections() == 0);
  }

  @Test
  void tricklingHeaderBytesDoesNotExtendTheDeadline() throws Exception {
    start(l -> l.withHeaderTimeout(Duration.ofSeconds(1)));
    RawClient c = connect();
    long started = System.nanoTime();
    boolean closed = false;
    byte[] request = RawClient.get(STREAM + "master.m3u8").getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < request.length - 2 && !closed; i++) {
      try {
        c.send(new byte[] {request[i]});
      } catch (java.io.IOException e) {
        closed = true; // the server hung up on us
        break;
      }
      closed = c.closedByServerWithin(Duration.ofMillis(100));
    }
    assertThat(closed || c.closedByServerWithin(Duration.ofSeconds(3))).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void aClientOverThePerAddressCapIsClosedImmediately() throws Exception {
    start(l -> l.withMaxConnectionsPerIp(2));
    RawClient first = connect();
    RawClient second = connect();
    assertThat(first.send(RawClient.get(STREAM + "master.m3u8")).read().status()).isEqualTo(200);
    assertThat(second.send(RawClient.get(STREAM + "master.m3u8")).read().status()).isEqualTo(200);

    RawClient third = connect();
    assertThat(third.closedByServerWithin(Duration.ofSeconds(2))).isTrue();

    // The admitted ones are unaffected, and a slot frees up when one leaves.
    assertThat(first.send(RawClient.get(STREAM + "announce.json")).read().status()).isEqualTo(200);
    second.close();
    await("the closed slot released").atMost(Duration.ofSeconds(5)).until(() -> origin.activeConnections() == 1);
    RawClient fourth = connect();
    assertThat(fourth.send(RawClient.get(STREAM + "master.m3u8")).read().status()).isEqualTo(200);
  }

  @Test
  void connectionsOverTheTotalCapAreClosedImmediately() throws Exception {
    start(l -> l.withMaxConnections(1));
    RawClient first = connect();
    assertThat(first.send(RawClient.get(STREAM + "master.m3u8")).read().status()).isEqualTo(200);
    assertThat(connect().closedByServerWithin(Duration.ofSeconds(2))).isTrue();
  }

  @Test
  void aClientThatStopsReadingIsClosedAfterTheWriteStallTimeout() throws Exception {
    start(l -> l.withWriteStallTimeout(Duration.ofSeconds(1)));
    // Far more than the socket buffers on both sides can absorb; sparse, so cheap to create.
    try (RandomAccessFile big = new RandomAccessFile(
        data.resolve("streams").resolve(StreamTree.PUB).resolve("show/huge.ts").toFile(), "rw")) {
      big.setLength(256L << 20);
    }
    Socket s = new Socket();
    s.setReceiveBufferSize(4096); // before connect, so the advertised window stays small
    s.connect(new InetSocketAddress("127.0.0.1", origin.port));
    try (s) {
      s.getOutputStream().write(RawClient.get(STREAM + "huge.ts").getBytes(StandardCharsets.US_ASCII));
      await("the download started").atMost(Duration.ofSeconds(1)).until(() -> origin.activeConnections() == 1);
      // Never read. The server must give up on its own.
      await("the stalled connection closed").atMost(Duration.ofSeconds(10))
          .until(() -> origin.activeConnections() == 0);
    }
  }

  @Test
  void aClientPipeliningRequestsWithoutReadingIsClosedWhileOthersAreServed() throws Exception {
    start(l -> l.withWriteStallTimeout(Duration.ofSeconds(1)));
    StreamTree.in(data).write("720p/seg00009.ts", new byte[64 * 1024]);
    Socket s = new Socket();
    s.setReceiveBufferSize(4096);
    s.connect(new InetSocketAddress("127.0.0.1", origin.port));
    try (s) {
      byte[] one = RawClient.get(STREAM + "720p/seg00009.ts").getBytes(StandardCharsets.US_ASCII);
      try {
        for (int i = 0; i < 300; i++) {
          s.getOutputStream().write(one);
        }
      } catch (java.io.IOException closedMeanwhile) {
        // fine: the server may hang up before we finish
      }
      try (RawClient other = connect()) {
        assertThat(other.send(RawClient.get(STREAM + "master.m3u8")).read().status()).isEqualTo(200);
      }
      await("the flooding connection closed").atMost(Duration.ofSeconds(10))
          .until(() -> origin.activeConnections() == 0);
    }
  }
}
