package org.ownerless.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.ownerless.ingest.rtmp.amf.Amf0Exception;
import org.slf4j.LoggerFactory;

/**
 * A whole RTMP connection as {@code IngestServer} builds it (handshake, chunk decoder and encoder,
 * protocol control, session) on an {@link EmbeddedChannel}: a valid C0/C1/C2 first, then the
 * fuzzer's chunk-stream bytes in pieces. The gate accepts {@value #TOKEN}, so seeds that connect
 * and publish lead the fuzzer past the token check to metadata and media.
 *
 * <p>Contract: every refusal is a typed protocol error — what reaches the session's error handler is
 * an {@link RtmpProtocolException} or {@link Amf0Exception} (a {@code DecoderException} wrapping
 * anything else would be a bug in a decoder) — and the session never logs its "closing after error"
 * warning, which is what it does with an exception it did not expect from its own code. Bounded
 * allocation: the shared {@link PendingBytesBudget} is whole again once the connection is gone.
 */
class RtmpSessionFuzzTest {
  static final String TOKEN = "fuzz";
  private static final ListAppender<ILoggingEvent> SESSION_WARNINGS = new ListAppender<>();

  private static Level levelBefore;

  @BeforeAll
  static void quietRefusals() {
    // Refusals are logged at INFO once per connection; at fuzzing rates that would be the bottleneck.
    // Restored afterwards: later tests in this JVM read those INFO lines (LogInjectionTest).
    Logger ours = (Logger) LoggerFactory.getLogger("org.ownerless");
    levelBefore = ours.getLevel();
    ours.setLevel(Level.WARN);
    SESSION_WARNINGS.start();
    ((Logger) LoggerFactory.getLogger(RtmpSession.class)).addAppender(SESSION_WARNINGS);
  }

  @AfterAll
  static void restoreLogging() {
    ((Logger) LoggerFactory.getLogger("org.ownerless")).setLevel(levelBefore);
    ((Logger) LoggerFactory.getLogger(RtmpSession.class)).detachAppender(SESSION_WARNINGS);
  }

  /** Records what the handlers in front of the session throw; the session's own handling stays as is. */
  private static final class ThrownBeforeSession extends ChannelInboundHandlerAdapter {
    final List<Throwable> thrown = new ArrayList<>();

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      thrown.add(cause);
      ctx.fireExceptionCaught(cause);
    }
  }

  private static final class Gate implements PublishGate {
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
        public void video(long timestamp, ByteBuf payload) {}

        @Override
        public void stop() {}
      };
    }
  }

  @FuzzTest(maxDuration = "10m")
  void session(FuzzedDataProvider data) {
    SESSION_WARNINGS.list.clear();
    PendingBytesBudget budget = new PendingBytesBudget(1 << 20);
    ChunkDecoder decoder = new ChunkDecoder(ChunkLimits.BEFORE_PUBLISH, ChunkLimits.DEFAULTS, budget);
    ChunkEncoder encoder = new ChunkEncoder();
    ThrownBeforeSession observer = new ThrownBeforeSession();
    EmbeddedChannel ch = new EmbeddedChannel(new HandshakeHandler(), decoder, encoder,
        new ProtocolControlHandler(encoder, decoder), observer, new RtmpSession(new Gate(), 60_000));
    try {
      byte[] handshake = new byte[1 + 2 * HandshakeHandler.PACKET_SIZE];
      handshake[0] = HandshakeHandler.RTMP_VERSION;
      ch.writeInbound(Unpooled.wrappedBuffer(handshake));
      while (data.remainingBytes() > 0 && ch.isOpen()) {
        ch.writeInbound(Unpooled.wrappedBuffer(data.consumeBytes(data.consumeInt(1, 4096))));
        ch.releaseOutbound();
      }
    } finally {
      ch.finishAndReleaseAll();
    }
    for (Throwable t : observer.thrown) {
      assertThat(t).as("refusal type").isInstanceOfAny(RtmpProtocolException.class, Amf0Exception.class);
    }
    assertThat(SESSION_WARNINGS.list).as("unexpected errors the session logged")
        .noneMatch(e -> e.getMessage().contains("closing after error"));
    assertThat(budget.reserved()).isZero();
  }
}
