package org.ownerless.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
    Arbitrary<byte[]> pieces = piece.list().ofMaxSize(40).map(ChunkDecoderRobustnessTest::concat);
    return Arbitraries.frequencyOf(Tuple.of(1, pieces), Tuple.of(2, mutatedValidStream()));
  }

  /** What an encoder really sends, then damaged: reaches states that noise alone rarely does. */
  private static Arbitrary<byte[]> mutatedValidStream() {
    Arbitrary<MessageSpec> message = Combinators.combine(
            Arbitraries.integers().between(2, 8),
            Arbitraries.of(MessageTypes.SET_CHUNK_SIZE, MessageTypes.ABORT, MessageTypes.AUDIO,
                MessageTypes.VIDEO, MessageTypes.DATA_AMF0, MessageTypes.COMMAND_AMF0),
            Arbitraries.oneOf(Arbitraries.longs().between(0, 1000), Arbitraries.longs().between(0xFFFF00L, 0x1000100L)),
            Arbitraries.integers().between(0, 600),
            Arbitraries.integers().between(1, 300))
        .as(MessageSpec::new);
    Arbitrary<Mutation> mutation = Combinators.combine(
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 10_000),
            Arbitraries.integers().between(1, 20),
            Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8))
        .as(Mutation::new);
    return Combinators.combine(message.list().ofMinSize(2).ofMaxSize(20), mutation.list().ofMaxSize(2))
        .as((messages, mutations) -> {
          byte[] bytes = encode(messages);
          for (Mutation m : mutations) {
            bytes = m.applyTo(bytes);
          }
          return bytes;
        });
  }

  /** For SET_CHUNK_SIZE and ABORT, {@code value} is the chunk size or the aborted chunk stream. */
  private record MessageSpec(int chunkStreamId, int typeId, long timestamp, int length, int value) {}

  private record Mutation(int kind, int position, int span, byte[] bytes) {
    byte[] applyTo(byte[] input) {
      if (input.length == 0) {
        return bytes;
      }
      int at = (int) ((long) position * (input.length - 1) / 10_000);
      int end = Math.min(input.length, at + span);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      switch (kind) {
        case 0 -> { // overwrite
          byte[] copy = input.clone();
          for (int i = 0; i < bytes.length && at + i < copy.length; i++) {
            copy[at + i] = bytes[i];
          }
          return copy;
        }
        case 1 -> { // insert
          out.write(input, 0, at);
          out.writeBytes(bytes);
          out.write(input, at, input.length - at);
        }
        case 2 -> { // delete
          out.write(input, 0, at);
          out.write(input, end, input.length - end);
        }
        default -> { // duplicate
          out.write(input, 0, end);
          out.write(input, at, input.length - at);
        }
      }
      return out.toByteArray();
    }
  }

  private static byte[] encode(List<MessageSpec> messages) {
    EmbeddedChannel sender = new EmbeddedChannel(new ChunkEncoder());
    ChunkEncoder encoder = sender.pipeline().get(ChunkEncoder.class);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      for (MessageSpec m : messages) {
        ByteBuf payload = switch (m.typeId()) {
          case MessageTypes.SET_CHUNK_SIZE, MessageTypes.ABORT -> Unpooled.buffer(4).writeInt(m.value());
          default -> Unpooled.wrappedBuffer(new byte[m.length()]);
        };
        int csid = m.typeId() == MessageTypes.SET_CHUNK_SIZE ? 2 : m.chunkStreamId();
        sender.writeOutbound(new RtmpMessage(csid, m.typeId(), m.timestamp(), 1, payload));
        if (m.typeId() == MessageTypes.SET_CHUNK_SIZE) {
          encoder.setChunkSize(m.value());
        }
      }
      for (ByteBuf buf = sender.readOutbound(); buf != null; buf = sender.readOutbound()) {
        out.writeBytes(Inbound.bytes(buf));
        buf.release();
      }
    } finally {
      sender.finishAndReleaseAll();
    }
    return out.toByteArray();
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
