package org.ownerless.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ownerless.ingest.rtmp.ChunkBytes.chunks;
import static org.ownerless.ingest.rtmp.MessageTypes.AUDIO;
import static org.ownerless.ingest.rtmp.MessageTypes.COMMAND_AMF0;
import static org.ownerless.ingest.rtmp.MessageTypes.VIDEO;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exact bytes the encoder writes, compared with layouts built by hand from §5.3. */
class ChunkEncoderTest {
  private final ChunkEncoder encoder = new ChunkEncoder();
  private final EmbeddedChannel channel = new EmbeddedChannel(encoder);

  @AfterEach
  void closeChannel() {
    channel.finishAndReleaseAll();
  }

  private String encode(RtmpMessage... messages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (RtmpMessage message : messages) {
      channel.writeOutbound(message);
    }
    for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
      out.writeBytes(Inbound.bytes(buf));
      buf.release();
    }
    return HexFormat.of().formatHex(out.toByteArray());
  }

  private static String hex(ChunkBytes bytes) {
    return HexFormat.of().formatHex(bytes.toArray());
  }

  private static RtmpMessage message(int csid, int typeId, long timestamp, int streamId, int length) {
    return new RtmpMessage(csid, typeId, timestamp, streamId, Unpooled.wrappedBuffer(ChunkBytes.sequence(0, length)));
  }

  @Test
  void theFirstMessageOnAChunkStreamGetsAType0Header() {
    assertThat(encode(message(3, COMMAND_AMF0, 1000, 0x01020304, 5)))
        .isEqualTo(hex(chunks().u8(0x03).u24(1000).u24(5).u8(COMMAND_AMF0).u8(4).u8(3).u8(2).u8(1).counting(0, 5)));
  }

  @Test
  void aMessageLongerThanTheChunkSizeContinuesInType3Chunks() {
    assertThat(encode(message(4, VIDEO, 0, 1, 300))).isEqualTo(hex(chunks()
        .type0(4, 0, 300, VIDEO, 1).counting(0, 128)
        .type3(4).counting(128, 128)
        .type3(4).counting(256, 44)));
  }

  @Test
  void anEmptyMessageIsAHeaderAlone() {
    assertThat(encode(message(4, VIDEO, 0, 1, 0))).isEqualTo(hex(chunks().type0(4, 0, 0, VIDEO, 1)));
  }

  @Test
  void aMessageOfExactlyOneChunkSizeHasNoContinuation() {
    assertThat(encode(message(4, VIDEO, 0, 1, 128)))
        .isEqualTo(hex(chunks().type0(4, 0, 128, VIDEO, 1).counting(0, 128)));
  }

  @Test
  void chunkStreamIdsUseTheShortestOfTheThreeBasicHeaderForms() {
    assertThat(encode(message(63, AUDIO, 0, 1, 0))).startsWith("3f");
    assertThat(encode(message(64, AUDIO, 0, 1, 0))).startsWith("0000");
    assertThat(encode(message(319, AUDIO, 0, 1, 0))).startsWith("00ff");
    assertThat(encode(message(320, AUDIO, 0, 1, 0))).startsWith("010001");
    assertThat(encode(message(65599, AUDIO, 0, 1, 0))).startsWith("01ffff");
  }

  @Test
  void anExtendedTimestampFollowsTheHeaderAndEveryContinuationChunk() {
    assertThat(encode(message(4, VIDEO, 0x12345678L, 1, 200))).isEqualTo(hex(chunks()
        .type0(4, 0xFFFFFF, 200, VIDEO, 1).extended(0x12345678L).counting(0, 128)
        .type3(4).extended(0x12345678L).counting(128, 72)));
  }

  @Test
  void theTimestamp0xFFFFFFAlreadyNeedsTheExtendedField() {
    assertThat(encode(message(4, VIDEO, 0xFFFFFF, 1, 1)))
        .isEqualTo(hex(chunks().type0(4, 0xFFFFFF, 1, VIDEO, 1).extended(0xFFFFFF).counting(0, 1)));
    assertThat(encode(message(5, VIDEO, 0xFFFFFE, 1, 1)))
        .isEqualTo(hex(chunks().type0(5, 0xFFFFFE, 1, VIDEO, 1).counting(0, 1)));
  }

  @Test
  void laterMessagesOfTheSameStreamAreCompressedToType1OrType2Headers() {
    assertThat(encode(
        message(4, AUDIO, 1000, 1, 2),
        message(4, AUDIO, 1021, 1, 2),
        message(4, VIDEO, 1030, 1, 3),
        message(4, VIDEO, 1030 + 0x2000000L, 1, 3)))
        .isEqualTo(hex(chunks()
            .type0(4, 1000, 2, AUDIO, 1).counting(0, 2)
            .type2(4, 21).counting(0, 2)
            .type1(4, 9, 3, VIDEO).counting(0, 3)
            .type2(4, 0xFFFFFF).extended(0x2000000L).counting(0, 3)));
  }

  @Test
  void anotherMessageStreamOrAnEarlierTimestampGetsAFullType0Header() {
    assertThat(encode(
        message(4, AUDIO, 1000, 1, 1),
        message(4, AUDIO, 1000, 2, 1),
        message(4, AUDIO, 999, 2, 1)))
        .isEqualTo(hex(chunks()
            .type0(4, 1000, 1, AUDIO, 1).counting(0, 1)
            .type0(4, 1000, 1, AUDIO, 2).counting(0, 1)
            .type0(4, 999, 1, AUDIO, 2).counting(0, 1)));
  }

  @Test
  void aNewChunkSizeAppliesToMessagesEncodedAfterIt() {
    encode(message(4, VIDEO, 0, 1, 1));
    encoder.setChunkSize(100);

    assertThat(encode(message(6, VIDEO, 0, 1, 250))).isEqualTo(hex(chunks()
        .type0(6, 0, 250, VIDEO, 1).counting(0, 100)
        .type3(6).counting(100, 100)
        .type3(6).counting(200, 50)));
  }

  @Test
  void aChunkSizeBelowOneIsRejected() {
    assertThatThrownBy(() -> encoder.setChunkSize(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theEncoderReleasesEveryPayload() {
    RtmpMessage message = message(4, VIDEO, 0, 1, 300);

    encode(message);

    assertThat(message.refCnt()).isZero();
  }

  @Test
  void aMessageOnAnInvalidChunkStreamIsRefusedAndStillReleased() {
    RtmpMessage message = message(1, VIDEO, 0, 1, 3);

    assertThatThrownBy(() -> channel.writeOutbound(message))
        .isInstanceOf(EncoderException.class)
        .hasMessageContaining("chunk stream id 1 is outside 2..65599");
    assertThat(message.refCnt()).isZero();
  }

  @Test
  void thePayloadReaderIndexIsWhereTheMessageStarts() {
    ByteBuf payload = Unpooled.wrappedBuffer(ChunkBytes.sequence(0, 5)).skipBytes(2);

    assertThat(encode(new RtmpMessage(4, AUDIO, 0, 1, payload)))
        .isEqualTo(hex(chunks().type0(4, 0, 3, AUDIO, 1).counting(2, 3)));
  }
}
