package org.ownerless.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ownerless.ingest.rtmp.ClientCommands.command;
import static org.ownerless.ingest.rtmp.ClientCommands.object;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ownerless.ingest.rtmp.ChunkBytes.chunks;
import static org.ownerless.ingest.rtmp.MessageTypes.SET_CHUNK_SIZE;
import static org.ownerless.ingest.rtmp.MessageTypes.VIDEO;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Until a publish is accepted a connection is a stranger's: it may send only the small messages the
 * commands before publishing need, and hold little. The large limits a keyframe needs come with the
 * accepted token.
 */
class ChunkDecoderBeforePublishTest {
  private static final String TOKEN = "s3cret-token";
  private static final int KIB_64 = 64 << 10;

  private final PendingBytesBudget budget = new PendingBytesBudget(PendingBytesBudget.DEFAULT_BYTES);
  private final ChunkDecoder decoder = new ChunkDecoder(ChunkLimits.BEFORE_PUBLISH, ChunkLimits.DEFAULTS, budget);
  private final List<Integer> videoReceived = new ArrayList<>();
  /** The ingest's pipeline from the chunk decoder on, with a gate that takes any stream. */
  private final EmbeddedChannel channel = new EmbeddedChannel();

  ChunkDecoderBeforePublishTest() {
    channel.config().setAllocator(UnpooledByteBufAllocator.DEFAULT);
    ChunkEncoder encoder = new ChunkEncoder();
    channel.pipeline().addLast(decoder, encoder, new ProtocolControlHandler(encoder, decoder),
        new RtmpSession(new RecordingGate(), 60_000));
  }

  @AfterEach
  void closeChannel() {
    channel.finishAndReleaseAll();
  }

  private void send(byte[] bytes) {
    channel.writeInbound(Unpooled.wrappedBuffer(bytes));
  }

  private void send(ChunkBytes bytes) {
    send(bytes.toArray());
  }

  @Test
  void aMessageDeclaringMoreThan64KiBBeforePublishClosesTheConnectionWithNothingBuffered() {
    send(chunks().type0(4, 0, KIB_64 + 1, VIDEO, 1).counting(0, 100));

    assertThat(channel.isOpen()).isFalse();
    assertThat(decoder.pendingCapacity()).isZero();
    assertThat(budget.reserved()).isZero();
  }

  @Test
  void theRefusalSaysWhichLimitBeforePublishWasExceeded() {
    EmbeddedChannel alone = new EmbeddedChannel(
        new ChunkDecoder(ChunkLimits.BEFORE_PUBLISH, ChunkLimits.DEFAULTS, budget));

    assertThatThrownBy(() -> alone.writeInbound(Unpooled.wrappedBuffer(
        chunks().type0(4, 0, KIB_64 + 1, VIDEO, 1).toArray())))
        .isInstanceOf(RtmpProtocolException.class)
        .hasMessage("message of 65537 bytes on chunk stream 4 exceeds the limit of 65536 bytes"
            + " before a publish is accepted");
    assertThat(alone.isOpen()).isFalse();
  }

  @Test
  void aMessageOfExactly64KiBIsReceivedBeforePublish() {
    send(chunks().control(SET_CHUNK_SIZE, KIB_64).type0(4, 0, KIB_64, VIDEO, 1).counting(0, KIB_64));

    assertThat(channel.isOpen()).isTrue();
    assertThat(budget.reserved()).isZero(); // delivered (and dropped: no publish yet), nothing held
  }

  @Test
  void theSameLargeMessageIsReceivedOnceThePublishIsAcceptedEvenInTheSameRead() {
    int oneMiB = 1 << 20;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(encoded(command(0, "connect", 1.0, object("app", "live"))));
    bytes.writeBytes(encoded(command(0, "createStream", 2.0, null)));
    bytes.writeBytes(encoded(command(1, "publish", 3.0, null, "cam?token=" + TOKEN, "live")));
    // Clients may send media right behind publish, before our onStatus reaches them.
    bytes.writeBytes(encoded(new RtmpMessage(6, VIDEO, 40, 1, Unpooled.wrappedBuffer(new byte[oneMiB]))));

    send(bytes.toByteArray());

    assertThat(channel.isOpen()).isTrue();
    assertThat(videoReceived).containsExactly(oneMiB);
    assertThat(budget.reserved()).isZero();
  }

  @Test
  void withAWrongTokenTheLargeMessageStillClosesTheConnection() {
    send(encoded(command(0, "connect", 1.0, object("app", "live"))));
    send(encoded(command(0, "createStream", 2.0, null)));
    send(encoded(command(1, "publish", 3.0, null, "cam?token=wrong-token", "live")));
    channel.releaseOutbound();

    assertThat(channel.isOpen()).isFalse(); // refused by the session: nothing more is read
    assertThat(videoReceived).isEmpty();
  }

  @Test
  void partialMessagesOfAllChunkStreamsBeforePublishAreCappedAt128KiB() {
    int kib = 1 << 10;
    send(chunks().control(SET_CHUNK_SIZE, kib)
        .message(4, VIDEO, KIB_64, 63 * kib, kib)
        .message(5, VIDEO, KIB_64, 63 * kib, kib)
        .message(6, VIDEO, KIB_64, 2 * kib, kib));
    assertThat(decoder.pendingBytes()).isEqualTo(128 * kib);
    assertThat(channel.isOpen()).isTrue();

    send(chunks().type3(6).u8(0));

    assertThat(channel.isOpen()).isFalse();
    assertThat(decoder.pendingBytes()).isZero();
    assertThat(budget.reserved()).isZero();
  }

  private final class RecordingGate implements PublishGate {
    @Override
    public boolean tokenMatches(String token) {
      return TOKEN.equals(token);
    }

    @Override
    public MediaSink startPublishing(String name, Channel publisher) {
      return new MediaSink() {
        @Override
        public void metadata(Map<String, Object> metadata) {}

        @Override
        public void audio(long timestamp, ByteBuf payload) {}

        @Override
        public void video(long timestamp, ByteBuf payload) {
          videoReceived.add(payload.readableBytes());
        }

        @Override
        public void stop() {}
      };
    }
  }

  /** The message as a client sends it: in 128-byte chunks. */
  private static byte[] encoded(RtmpMessage message) {
    EmbeddedChannel encoder = new EmbeddedChannel(new ChunkEncoder());
    encoder.writeOutbound(message);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuf b = encoder.readOutbound(); b != null; b = encoder.readOutbound()) {
      out.writeBytes(ByteBufUtil.getBytes(b));
      b.release();
    }
    encoder.finishAndReleaseAll();
    return out.toByteArray();
  }
}
