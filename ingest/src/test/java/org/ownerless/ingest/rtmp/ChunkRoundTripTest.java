package org.ownerless.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Encoder and decoder agree on every message, whatever the chunk stream ids (all three basic
 * header forms), sizes (empty, one chunk, many chunks), timestamps (across the extended timestamp
 * boundary and the 32-bit wrap), chunk size changes mid-stream and however TCP fragments the bytes.
 */
class ChunkRoundTripTest {

  sealed interface Step permits Send, ChangeChunkSize {}

  /** {@code timestamp} is absolute, or added to the chunk stream's previous one when relative. */
  record Send(int poolIndex, int typeId, boolean relative, long timestamp, int messageStreamId, int size, long seed)
      implements Step {}

  record ChangeChunkSize(int chunkSize) implements Step {}

  record Script(List<Integer> chunkStreamIds, List<Step> steps) {}

  @Property(tries = 400)
  void everyMessageSurvivesEncodingAndDecodingInAnyFragmentation(
      @ForAll("scripts") Script script, @ForAll("maxFragments") int maxFragment, @ForAll long fragmentationSeed) {
    EmbeddedChannel sender = new EmbeddedChannel(new ChunkEncoder());
    ChunkEncoder encoder = sender.pipeline().get(ChunkEncoder.class);
    ChunkDecoder decoder = new ChunkDecoder();
    EmbeddedChannel receiver = new EmbeddedChannel(decoder);
    try {
      List<Received> expected = new ArrayList<>();
      Map<Integer, Long> lastTimestamps = new HashMap<>();
      for (Step step : script.steps()) {
        if (step instanceof ChangeChunkSize change) {
          sender.writeOutbound(new RtmpMessage(2, MessageTypes.SET_CHUNK_SIZE, 0, 0,
              Unpooled.buffer(4).writeInt(change.chunkSize())));
          encoder.setChunkSize(change.chunkSize());
        } else if (step instanceof Send send) {
          int csid = script.chunkStreamIds().get(send.poolIndex() % script.chunkStreamIds().size());
          long timestamp = send.relative()
              ? (lastTimestamps.getOrDefault(csid, 0L) + send.timestamp()) & 0xFFFFFFFFL
              : send.timestamp();
          lastTimestamps.put(csid, timestamp);
          byte[] payload = new byte[send.size()];
          new Random(send.seed()).nextBytes(payload);
          expected.add(Received.message(csid, send.typeId(), timestamp, send.messageStreamId(), payload));
          sender.writeOutbound(new RtmpMessage(csid, send.typeId(), timestamp, send.messageStreamId(),
              Unpooled.wrappedBuffer(payload)));
        }
      }
      byte[] wire = drainOutbound(sender);

      List<RtmpMessage> decoded = Inbound.inFragments(receiver, wire, new Random(fragmentationSeed), maxFragment);

      assertThat(Received.of(decoded)).containsExactlyElementsOf(expected);
      assertThat(decoder.bytesReceived()).isEqualTo(wire.length);
      assertThat(decoder.pendingBytes()).isZero();
    } finally {
      sender.finishAndReleaseAll();
      receiver.finishAndReleaseAll();
    }
  }

  private static byte[] drainOutbound(EmbeddedChannel sender) {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    for (ByteBuf buf = sender.readOutbound(); buf != null; buf = sender.readOutbound()) {
      wire.writeBytes(Inbound.bytes(buf));
      buf.release();
    }
    return wire.toByteArray();
  }

  @Provide
  Arbitrary<Script> scripts() {
    Arbitrary<Integer> csid = Arbitraries.oneOf(
        Arbitraries.integers().between(2, 63),
        Arbitraries.integers().between(64, 319),
        Arbitraries.integers().between(320, 65599),
        Arbitraries.of(2, 63, 64, 319, 320, 65599));
    Arbitrary<Step> step = Arbitraries.frequencyOf(Tuple.of(8, send()), Tuple.of(1, changeChunkSize()));
    return Combinators.combine(csid.list().ofMinSize(1).ofMaxSize(4), step.list().ofMaxSize(25)).as(Script::new);
  }

  private static Arbitrary<Step> send() {
    Arbitrary<Integer> poolIndex = Arbitraries.integers().between(0, 3);
    Arbitrary<Integer> typeId = Arbitraries.integers().between(0, 255)
        .filter(t -> t != MessageTypes.SET_CHUNK_SIZE && t != MessageTypes.ABORT);
    Arbitrary<Boolean> relative = Arbitraries.of(true, false);
    Arbitrary<Long> timestamp = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.longs().between(0, 100)),
        Tuple.of(2, Arbitraries.longs().between(0xFFFF00L, 0x1000100L)),
        Tuple.of(2, Arbitraries.longs().between(0, 0xFFFFFFFFL)),
        Tuple.of(2, Arbitraries.of(0L, 0xFFFFFEL, 0xFFFFFFL, 0x1000000L, 0xFFFFFFFFL)));
    Arbitrary<Integer> messageStreamId = Arbitraries.of(0, 1, 2, 0x7FFFFFFF, -1);
    Arbitrary<Integer> size = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(0)),
        Tuple.of(4, Arbitraries.integers().between(1, 300)),
        Tuple.of(2, Arbitraries.integers().between(300, 3000)),
        Tuple.of(1, Arbitraries.of(127, 128, 129, 256)));
    return Combinators.combine(poolIndex, typeId, relative, timestamp, messageStreamId, size, Arbitraries.longs())
        .as(Send::new);
  }

  private static Arbitrary<Step> changeChunkSize() {
    return Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.integers().between(1, 300)),
            Tuple.of(1, Arbitraries.of(1, 127, 128, 129, 4096, 65536, 0xFFFFFF)))
        .map(ChangeChunkSize::new);
  }

  @Provide
  Arbitrary<Integer> maxFragments() {
    return Arbitraries.of(1, 2, 7, 64, 1500, 1 << 20);
  }
}
