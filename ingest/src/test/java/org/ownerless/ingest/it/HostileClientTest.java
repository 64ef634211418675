package org.ownerless.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ownerless.ingest.transcode.Ladder;

/**
 * Misbehaving clients are disconnected at bounded cost while a real publisher of another stream
 * keeps producing segments throughout.
 */
@Tag("e2e") // starts real ffmpeg or GStreamer processes
class HostileClientTest {
  private static IngestHarness h;
  private static ExternalProcess steady;

  @BeforeAll
  static void start() throws Exception {
    // A short publish deadline for the clients that never publish; a longer idle timeout so that a
    // CPU-starved machine stalling the steady publisher for a moment does not cut it off.
    h = new IngestHarness(Ladder.parse("src"), Duration.ofSeconds(2), Duration.ofSeconds(5));
    // Long enough to outlive the class on a slow machine; stop() ends it.
    steady = Publishers.ffmpeg(Publishers.url(h.port, "steady", IngestHarness.TOKEN), 320, 180, 900);
    assertThat(h.await(Duration.ofSeconds(30), x -> x.segments("steady", "src").size() >= 1))
        .as(steady.output()).isTrue();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      // The bystander never noticed: it is still publishing and its segments kept coming.
      int before = h.segments("steady", "src").size();
      boolean kept = h.await(Duration.ofSeconds(15), x -> x.segments("steady", "src").size() >= before + 2);
      assertThat(kept).as("bystander segments %d -> %d; publisher alive %s, publishing %s, ffmpeg exits %s; %s",
          before, h.segments("steady", "src").size(), steady.isAlive(), h.server.isPublishing("steady"),
          h.ffmpegExits, steady.output()).isTrue();
      assertThat(steady.isAlive()).isTrue();
      assertThat(h.ffmpegExits).isEmpty();
      assertThat(h.server.isPublishing("steady")).isTrue();
    } finally {
      steady.close();
      h.close();
    }
  }

  @Test
  void garbageInsteadOfAHandshakeIsDisconnected() throws Exception {
    try (RawRtmpClient c = new RawRtmpClient(h.port)) {
      byte[] garbage = new byte[4096];
      new Random(1).nextBytes(garbage);
      garbage[0] = 'G'; // not version 3
      c.sendRaw(garbage);
      assertThat(c.closedByServerWithin(3000)).isTrue();
    }
  }

  @Test
  void garbageAfterTheHandshakeIsDisconnected() throws Exception {
    try (RawRtmpClient c = new RawRtmpClient(h.port)) {
      c.handshake();
      byte[] garbage = new byte[64 * 1024];
      new Random(2).nextBytes(garbage);
      try {
        c.sendRaw(garbage);
      } catch (IOException e) {
        // already closed by the server: fine
      }
      assertThat(c.closedByServerWithin(3000)).isTrue();
    }
  }

  @Test
  void aTruncatedHandshakeIsDisconnectedByThePublishDeadline() throws Exception {
    try (RawRtmpClient c = new RawRtmpClient(h.port)) {
      c.sendRaw(new byte[] {3, 0, 0, 0, 0, 0, 0, 0, 0, 0}); // C0 and a sliver of C1, then silence: the 2 s publish deadline (before the 5 s idle timeout) cuts it
      assertThat(c.closedByServerWithin(12_000)).isTrue();
    }
  }

  @Test
  void anAbsurdChunkSizeIsDisconnected() throws Exception {
    try (RawRtmpClient c = new RawRtmpClient(h.port)) {
      c.handshake();
      // Set Chunk Size on csid 2: basic header 0x02, type-0 header, 4-byte payload 0x7FFFFFFF.
      ByteBuffer b = ByteBuffer.allocate(16);
      b.put((byte) 0x02).put(new byte[] {0, 0, 0}).put(new byte[] {0, 0, 4}).put((byte) 1).putInt(0);
      b.putInt(0x7FFFFFFF);
      c.sendRaw(b.array());
      assertThat(c.closedByServerWithin(3000)).isTrue();
    }
  }

  @Test
  void anAbsurdMessageLengthIsDisconnectedBeforeAnythingIsBuffered() throws Exception {
    try (RawRtmpClient c = new RawRtmpClient(h.port)) {
      c.handshake();
      // A video message on csid 6 declaring 16 MiB - 1 bytes (the 24-bit maximum).
      ByteBuffer b = ByteBuffer.allocate(12 + 100);
      b.put((byte) 0x06).put(new byte[] {0, 0, 0}).put(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}).put((byte) 9)
          .putInt(Integer.reverseBytes(1));
      c.sendRaw(b.array());
      assertThat(c.closedByServerWithin(3000)).isTrue();
    }
  }

  @Test
  void aClientThatStopsReadingIsDisconnected() throws Exception {
    try (RawRtmpClient c = new RawRtmpClient(h.port, 4096)) {
      c.handshake();
      // Every connect is answered with ~300 bytes; we never read them.
      boolean writeFailed = false;
      long deadline = System.currentTimeMillis() + 20_000;
      try {
        while (System.currentTimeMillis() < deadline) {
          for (int i = 0; i < 500; i++) {
            c.connect("live");
          }
        }
      } catch (IOException e) {
        writeFailed = true; // the server closed on us: what we wanted
      }
      assertThat(writeFailed || c.closedByServerWithin(3000)).as("server closed the non-reading client").isTrue();
    }
  }

  @Test
  void aFloodOfConnectionsFromOneAddressIsCapped() throws Exception {
    List<RawRtmpClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 15; i++) {
        clients.add(new RawRtmpClient(h.port)); // 16 per address allowed, the steady publisher holds one
      }
      try (RawRtmpClient extra = new RawRtmpClient(h.port)) {
        assertThat(extra.closedByServerWithin(3000)).isTrue();
      }
    } finally {
      for (RawRtmpClient c : clients) {
        c.close();
      }
    }
    assertThat(h.await(Duration.ofSeconds(5), x -> x.server.activeConnections() == 1)).isTrue();
  }

  @Test
  void aConnectionThatNeverPublishesIsClosed() throws Exception {
    try (RawRtmpClient c = new RawRtmpClient(h.port)) {
      c.handshake();
      c.connect("live");
      c.awaitCommand("_result");
      // Keep it "alive" with pings, but never publish: the publish deadline (2 s here) closes it.
      assertThat(c.closedByServerWithin(6000)).isTrue();
    }
  }
}
