package org.ownerless.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * The RTMP chunk decoder on an {@link EmbeddedChannel}, fed chunk-stream bytes (after the
 * handshake) in fuzzer-chosen pieces, switching to the publisher's limits at a fuzzer-chosen point
 * as the session does on an accepted publish. Contract: whole messages within the current limits, or
 * {@link RtmpProtocolException} with the connection closed; no other exception. Bounded allocation:
 * partial-message bytes never exceed the limit at any step, and once the connection is gone the
 * shared {@link PendingBytesBudget} has every reservation back. (Jazzer has no memory assertion of its
 * own: a declared length that were allocated before being checked would show as an OutOfMemoryError
 * under scripts/fuzz.sh's -Xmx.)
 */
class ChunkDecoderFuzzTest {
  @FuzzTest(maxDuration = "10m")
  void decode(FuzzedDataProvider data) {
    PendingBytesBudget budget = new PendingBytesBudget(1 << 20);
    ChunkDecoder decoder = new ChunkDecoder(ChunkLimits.BEFORE_PUBLISH, ChunkLimits.DEFAULTS, budget);
    EmbeddedChannel ch = new EmbeddedChannel(decoder);
    int publishAfter = data.consumeInt(0, 8);
    try {
      for (int piece = 0; data.remainingBytes() > 0 && ch.isOpen(); piece++) {
        if (piece == publishAfter) {
          ch.pipeline().fireUserEventTriggered(RtmpSession.PublishAccepted.INSTANCE);
        }
        ChunkLimits limits = piece >= publishAfter ? ChunkLimits.DEFAULTS : ChunkLimits.BEFORE_PUBLISH;
        byte[] bytes = data.consumeBytes(data.consumeInt(1, 4096));
        try {
          ch.writeInbound(Unpooled.wrappedBuffer(bytes));
        } catch (RtmpProtocolException refused) {
          assertThat(ch.isOpen()).as("a refusal closes the connection").isFalse();
        }
        for (RtmpMessage m; (m = ch.readInbound()) != null; ) {
          assertThat(m.payload().readableBytes()).isLessThanOrEqualTo(limits.maxMessageLength());
          m.release();
        }
        assertThat(decoder.pendingBytes()).isLessThanOrEqualTo(limits.maxPendingBytes());
      }
    } finally {
      ch.finishAndReleaseAll();
    }
    assertThat(budget.reserved()).as("every reservation returned when the connection goes").isZero();
  }
}
