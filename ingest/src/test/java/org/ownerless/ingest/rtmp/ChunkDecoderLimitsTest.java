package org.ownerless.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ownerless.ingest.rtmp.ChunkBytes.chunks;
import static org.ownerless.ingest.rtmp.MessageTypes.AUDIO;
import static org.ownerless.ingest.rtmp.MessageTypes.SET_CHUNK_SIZE;
import static org.ownerless.ingest.rtmp.MessageTypes.VIDEO;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every limit of {@link ChunkLimits} and every header-order rule, refused with a clear reason. */
class ChunkDecoderLimitsTest {
  private ChunkDecoder decoder = new ChunkDecoder();
  private EmbeddedChannel channel = newChannel(decoder);

  private static EmbeddedChannel newChannel(ChunkDecoder decoder) {
    EmbeddedChannel channel = new EmbeddedChannel(decoder);
    // Unpooled buffers have exactly the capacity asked for, so capacity checks mean something.
    channel.config().setAllocator(UnpooledByteBufAllocator.DEFAULT);
    return channel;
  }

  private void useLimits(ChunkLimits limits) {
    channel.finishAndReleaseAll();
    decoder = new ChunkDecoder(limits);
    channel = newChannel(decoder);
  }

  @AfterEach
  void closeChannel() {
    channel.finishAndReleaseAll();
  }

  private void send(ChunkBytes bytes) {
    Inbound.release(Inbound.whole(channel, bytes.toArray()));
  }

  @Test
  void aSetChunkSizeOfZeroIsRefusedAndTheConnectionClosed() {
    assertThatThrownBy(() -> send(chunks().control(SET_CHUNK_SIZE, 0)))
        .isInstanceOf(RtmpProtocolException.class)
        .hasMessageContaining("Set Chunk Size 0");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aSetChunkSizeOf0x7FFFFFFFIsRefused() {
    assertThatThrownBy(() -> send(chunks().control(SET_CHUNK_SIZE, 0x7FFFFFFF)))
        .isInstanceOf(RtmpProtocolException.class)
        .hasMessageContaining("Set Chunk Size 2147483647 is outside 1..16777215");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void theLargestAllowedSetChunkSizeIsAccepted() {
    send(chunks().control(SET_CHUNK_SIZE, 0xFFFFFF));

    assertThat(decoder.chunkSize()).isEqualTo(0xFFFFFF);
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aSetChunkSizeWhosePayloadIsNotFourBytesIsRefused() {
    assertThatThrownBy(() -> send(chunks().type0(2, 0, 2, SET_CHUNK_SIZE, 0).u8(1).u8(0)))
        .isInstanceOf(RtmpProtocolException.class)
        .hasMessageContaining("Set Chunk Size payload is 2 bytes, expected 4");
  }

  @Test
  void aMessageLengthOf0xFFFFFFIsRefusedFromItsHeaderAloneWithNothingAllocated() {
    assertThatThrownBy(() -> send(chunks().type0(4, 0, 0xFFFFFF, VIDEO, 1)))
        .isInstanceOf(RtmpProtocolException.class)
        .hasMessageContaining("message of 16777215 bytes on chunk stream 4 exceeds the limit of 8388608 bytes");
    assertThat(decoder.pendingCapacity()).isZero();
  }

  @Test
  void aDeclaredLengthIsNotAllocatedUpFront() {
    send(chunks().type0(4, 0, 8 << 20, VIDEO, 1).counting(0, 10));

    assertThat(decoder.pendingBytes()).isEqualTo(10);
    assertThat(decoder.pendingCapacity()).isBetween(10L, 64L);
  }

  @Test
  void sixtyFourChunkStreamsAreAcceptedAndTheSixtyFifthIsRefused() {
    ChunkBytes bytes = chunks();
    for (int csid = 2; csid < 2 + 64; csid++) {
      bytes.type0(csid, 0, 1, AUDIO, 1).u8(csid);
    }
    send(bytes);

    assertThatThrownBy(() -> send(chunks().type0(70, 0, 1, AUDIO, 1).u8(0)))
        .isInstanceOf(RtmpProtocolException.class)
        .hasMessageContaining("chunk stream 70 would exceed the limit of 64 chunk streams per connection");
  }

  @Test
  void partialMessagesOfAllChunkStreamsTogetherMayNotExceedThePendingBytesCap() {
    useLimits(new ChunkLimits(1000, 0xFFFFFF, 64, 1000));
    ChunkBytes sevenPartials = chunks();
    for (int csid = 3; csid < 10; csid++) {
      sevenPartials.type0(csid, 0, 1000, VIDEO, 1).counting(0, 128);
    }
    send(sevenPartials);
    assertThat(decoder.pendingBytes()).isEqualTo(7 * 128);

    assertThatThrownBy(() -> send(chunks().type0(10, 0, 1000, VIDEO, 1).counting(0, 128)))
        .isInstanceOf(RtmpProtocolException.class)
        .hasMessageContaining("partially received messages would exceed the limit of 1000 bytes per connection");
    assertThat(decoder.pendingCapacity()).isZero();
  }

  @Test
  void completedMessagesDoNotCountTowardsThePendingBytesCap() {
    useLimits(new ChunkLimits(1000, 0xFFFFFF, 64, 1000));
    ChunkBytes manyMessages = chunks();
    for (int i = 0; i < 20; i++) {
      manyMessages.type0(4, i, 100, AUDIO, 1).counting(0, 100);
    }
    send(manyMessages);

    assertThat(decoder.pendingBytes()).isZero();
    assertThat(channel.isOpen()).isTrue();
  }

  @ParameterizedTest(name = "Type {0}")
  @ValueSource(ints = {1, 2, 3})
  void aType1Or2Or3HeaderOnAChunkStreamNoType0HeaderStartedIsRefused(int headerType) {
    assertThatThrownBy(() -> send(chunks().basic(headerType, 5).u24(0).u24(1).u8(AUDIO)))
        .isInstanceOf(RtmpProtocolException.class)
        .hasMessageContaining("Type " + headerType + " chunk header on chunk stream 5, which no Type 0 header has started");
  }

  @Test
  void aNewMessageHeaderOnAChunkStreamWhoseMessageIsIncompleteIsRefused() {
    assertThatThrownBy(() -> send(chunks()
        .type0(4, 0, 300, VIDEO, 1).counting(0, 128)
        .type2(4, 10)))
        .isInstanceOf(RtmpProtocolException.class)
        .hasMessageContaining("Type 2 chunk header on chunk stream 4 while its message is incomplete (128 of 300 bytes)");
  }

  @Test
  void afterAProtocolErrorTheDecoderHoldsNothing() {
    assertThatThrownBy(() -> send(chunks()
        .type0(4, 0, 300, VIDEO, 1).counting(0, 128)
        .control(SET_CHUNK_SIZE, 0)))
        .isInstanceOf(RtmpProtocolException.class);

    assertThat(decoder.pendingBytes()).isZero();
    assertThat(decoder.pendingCapacity()).isZero();
    assertThat(channel.isOpen()).isFalse();
  }
}
