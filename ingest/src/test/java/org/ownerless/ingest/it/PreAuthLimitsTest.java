package org.ownerless.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ownerless.ingest.rtmp.MessageTypes;
import org.ownerless.ingest.rtmp.RtmpMessage;
import org.ownerless.ingest.transcode.Ladder;

/**
 * Over real sockets: a connection that has not published may hold only small partial messages,
 * every byte held comes back to the server's budget when connections go, and a publisher with the
 * token gets the large limits.
 */
@Tag("e2e")
class PreAuthLimitsTest {
  private static final int KIB = 1 << 10;
  private static IngestHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = new IngestHarness(Ladder.parse("src"));
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @Test
  void strangersHoldAtMost128KiBEachAndTheServerGetsEveryByteBackWhenTheyGo() throws Exception {
    List<RawRtmpClient> holders = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        RawRtmpClient c = new RawRtmpClient(h.port);
        holders.add(c);
        c.handshake();
        c.sendRaw(fourPartialMessages());
      }
      await(() -> h.server.pendingBytes() == 4 * 128 * KIB);

      try (RawRtmpClient grabber = new RawRtmpClient(h.port)) {
        grabber.handshake();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        videoHeader(b, 4, 64 * KIB + 1);
        b.writeBytes(new byte[100]);
        grabber.sendRaw(b.toByteArray());
        assertThat(grabber.closedByServerWithin(3000)).isTrue();
      }
      assertThat(holders).allSatisfy(c -> assertThat(c.socket.isClosed()).isFalse());
      assertThat(h.server.pendingBytes()).isEqualTo(4 * 128 * KIB);
    } finally {
      for (RawRtmpClient c : holders) {
        c.close();
      }
    }
    await(() -> h.server.pendingBytes() == 0);
  }

  @Test
  void aPublisherWithTheTokenMaySendTheLargeMessagesAKeyframeNeeds() throws Exception {
    try (RawRtmpClient c = new RawRtmpClient(h.port)) {
      c.handshake();
      assertThat(c.publish("big?token=" + IngestHarness.TOKEN)).containsEntry("code", "NetStream.Publish.Start");
      byte[] interFrame = new byte[1 << 20];
      interFrame[0] = 0x27; // AVC inter frame: dropped until a keyframe, but read whole first
      interFrame[1] = 1;

      c.send(new RtmpMessage(6, MessageTypes.VIDEO, 0, 1, Unpooled.wrappedBuffer(interFrame)));

      assertThat(c.closedByServerWithin(1000)).isFalse();
      await(() -> h.server.pendingBytes() == 0);
    }
  }

  /** Set Chunk Size 32 KiB, then the first 32 KiB chunk of four 64 KiB messages: 128 KiB partial. */
  private static byte[] fourPartialMessages() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0x02);
    b.writeBytes(new byte[] {0, 0, 0, 0, 0, 4, MessageTypes.SET_CHUNK_SIZE, 0, 0, 0, 0});
    b.writeBytes(new byte[] {0, 0, (byte) 0x80, 0});
    for (int csid = 4; csid < 8; csid++) {
      videoHeader(b, csid, 64 * KIB);
      b.writeBytes(new byte[32 * KIB]);
    }
    return b.toByteArray();
  }

  /** A Type 0 chunk header of a video message of {@code length} on message stream 1. */
  private static void videoHeader(ByteArrayOutputStream b, int csid, int length) {
    b.write(csid);
    b.writeBytes(new byte[] {0, 0, 0, (byte) (length >>> 16), (byte) (length >>> 8), (byte) length,
        MessageTypes.VIDEO, 1, 0, 0, 0});
  }

  private static void await(java.util.concurrent.Callable<Boolean> condition) {
    Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(condition);
  }
}
