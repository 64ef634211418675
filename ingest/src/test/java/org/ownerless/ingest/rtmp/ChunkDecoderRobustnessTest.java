package org.ownerless.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Hostile input. Pure noise mostly fails at its first header, so the bytes are drawn as pieces
 * that are sometimes plausible chunk headers (small chunk stream ids, real type ids, the extended
 * timestamp marker, Set Chunk Size and Abort) and sometimes noise, which reaches deeper states.
 */
class ChunkDecoderRobustnessTest {
  private static final ChunkLimits LIMITS = new ChunkLimits(4096, 0xFFFFFF, 16, 16384);

  @Property(tries = 2000)
  void anyInputEitherDecodesOrFailsWithAProtocolExceptionAndMemoryFollowsTheBytesReceived(
      @ForAll("hostileInput") byte[] input, @ForAll long fragmentationSeed) {
    ChunkDecoder decoder = new ChunkDecoder(LIMITS);
    EmbeddedChannel channel = new EmbeddedChannel(decoder);
    channel.config().setAllocator(UnpooledByteBufAllocator.DEFAULT);
    Random random = new Random(fragmentationSeed);
    int offset = 0;
    try {
      while (offset < input.length) {
        int length = Math.min(input.length - offset, 1 + random.nextInt(64));
        byte[] fragment = Arrays.copyOfRange(input, offset, offset + length);
        offset += length;
        try {
          Inbound.release(Inbound.whole(channel, fragment));
        } catch (Throwable thrown) {
          assertThat(thrown).isInstanceOf(RtmpProtocolException.class);
          assertThat(channel.isOpen()).isFalse();
          assertThat(decoder.pendingCapacity()).isZero();
          return;
        }
        assertThat(decoder.bytesReceived()).isEqualTo(offset);
        assertThat(decoder.pendingBytes()).isLessThanOrEqualTo(Math.min(offset, LIMITS.maxPendingBytes()));
        // Buffers grow by doubling from what arrived, never from what a header declared.
        assertThat(decoder.pendingCapacity())
            .isLessThanOrEqualTo(2 * decoder.pendingBytes() + 64L * LIMITS.maxChunkStreams());
      }
    } finally {
      Inbound.release(Inbound.messages(channel));
      channel.finishAndReleaseAll();
    }
  }

  @Provide
  Arbitrary<byte[]> hostileInput() {
    Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
    Arbitrary<byte[]> piece = Arbitraries.frequencyOf(
        Tuple.of(1, noise),
        Tuple.of(3, plausibleHeader()),
        Tuple.of(1, controlMessage()));
    return piece.list().ofMaxSize(40).map(ChunkDecoderRobustnessTest::concat);
  }

  private static Arbitrary<byte[]> plausibleHeader() {
    Arbitrary<Integer> headerType = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(0)), Tuple.of(2, Arbitraries.integers().between(1, 3)));
    Arbitrary<Integer> csid = Arbitraries.oneOf(
        Arbitraries.integers().between(2, 6), Arbitraries.of(63, 64, 319, 320, 65599), Arbitraries.integers().between(2, 65599));
    Arbitrary<Long> timestamp = Arbitraries.oneOf(
        Arbitraries.longs().between(0, 100), Arbitraries.just(0xFFFFFFL), Arbitraries.longs().between(0, 0xFFFFFF));
    Arbitrary<Integer> length = Arbitraries.oneOf(
        Arbitraries.integers().between(0, 300), Arbitraries.integers().between(0, 0xFFFFFF));
    Arbitrary<Integer> typeId = Arbitraries.oneOf(Arbitraries.of(1, 2, 3, 5, 8, 9, 18, 20), Arbitraries.integers().between(0, 255));
    Arbitrary<byte[]> tail = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    return Combinators.combine(headerType, csid, timestamp, length, typeId, tail).as((type, id, ts, len, typ, rest) -> {
      ChunkBytes bytes = ChunkBytes.chunks().basic(type, id);
      if (type <= 2) {
        bytes.u24(ts);
      }
      if (type <= 1) {
        bytes.u24(len).u8(typ);
      }
      if (type == 0) {
        bytes.u32le(1);
      }
      return bytes.payload(rest).toArray();
    });
  }

  private static Arbitrary<byte[]> controlMessage() {
    Arbitrary<Integer> type = Arbitraries.of(MessageTypes.SET_CHUNK_SIZE, MessageTypes.ABORT);
    Arbitrary<Long> value = Arbitraries.oneOf(
        Arbitraries.longs().between(0, 400), Arbitraries.longs().between(0, 0xFFFFFFFFL));
    return Combinators.combine(type, value).as((t, v) -> ChunkBytes.chunks().control(t, v).toArray());
  }

  private static byte[] concat(List<byte[]> pieces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    pieces.forEach(out::writeBytes);
    return out.toByteArray();
  }
}
