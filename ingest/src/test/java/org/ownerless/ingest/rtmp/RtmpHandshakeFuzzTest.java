package org.ownerless.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;

/**
 * The server side of the simple RTMP handshake on a Netty {@link EmbeddedChannel}, fed the
 * client's bytes in fuzzer-chosen pieces (TCP may split them anywhere). Contract: a first byte
 * other than 3 is refused with {@link RtmpProtocolException} and the connection closed; otherwise
 * S0+S1+S2 (S2 echoing C1) once C1 is complete, and after C2 the handler leaves the pipeline and
 * passes every later byte on unchanged. No other exception.
 */
class RtmpHandshakeFuzzTest {
  private static final int PACKET = HandshakeHandler.PACKET_SIZE;

  @FuzzTest(maxDuration = "10m")
  void handshake(FuzzedDataProvider data) {
    // Piece sizes first (Jazzer takes numbers from the input's end), so the bytes stay whole.
    int[] pieces = {data.consumeInt(1, 2 * PACKET), data.consumeInt(1, 2 * PACKET), data.consumeInt(1, 2 * PACKET)};
    byte[] client = data.consumeBytes(4 * PACKET);
    EmbeddedChannel ch = new EmbeddedChannel(new HandshakeHandler());
    try {
      int fed = 0;
      for (int i = 0; fed < client.length && ch.isOpen(); i++) {
        int piece = Math.min(client.length - fed, pieces[i % pieces.length]);
        try {
          ch.writeInbound(Unpooled.wrappedBuffer(client, fed, piece));
        } catch (RtmpProtocolException refused) {
          assertThat(client[0]).as("only a wrong version byte is refused").isNotEqualTo((byte) 3);
          assertThat(ch.isOpen()).isFalse();
          return;
        }
        fed += piece;
      }
      if (fed == 0) {
        return;
      }
      assertThat(client[0]).isEqualTo((byte) 3);
      if (fed >= 1 + PACKET) {
        ByteBuf reply = ch.readOutbound();
        assertThat(reply.readableBytes()).isEqualTo(1 + 2 * PACKET);
        byte[] s2 = ByteBufUtil.getBytes(reply, 1 + PACKET, PACKET);
        assertThat(s2).as("S2 echoes C1").isEqualTo(Arrays.copyOfRange(client, 1, 1 + PACKET));
        reply.release();
      }
      if (fed > 1 + 2 * PACKET) {
        assertThat(ch.pipeline().get(HandshakeHandler.class)).as("done after C2").isNull();
        assertThat(inboundBytes(ch)).isEqualTo(Arrays.copyOfRange(client, 1 + 2 * PACKET, fed));
      }
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  private static byte[] inboundBytes(EmbeddedChannel ch) {
    ByteBuf all = Unpooled.buffer();
    for (ByteBuf b; (b = ch.readInbound()) != null; ) {
      all.writeBytes(b);
      b.release();
    }
    return ByteBufUtil.getBytes(all);
  }
}
