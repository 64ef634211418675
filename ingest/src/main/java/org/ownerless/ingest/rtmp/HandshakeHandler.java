package org.ownerless.ingest.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Server side of the plain RTMP handshake (RTMP 1.0 §5.2), first in the pipeline.
 *
 * <p>S2 is an exact echo of C1 and C2 is read but not checked: that is the "simple" handshake
 * OBS, ffmpeg and GStreamer all complete. S1's version field is zero, which tells clients that
 * would otherwise attempt the Flash digest handshake (ffmpeg does) not to verify one.
 *
 * <p>When C2 has arrived the handler fires {@link Completed#INSTANCE} and removes itself; bytes
 * that came in the same read as C2 (clients send their first chunks right behind it) are passed to
 * the next handler by {@link ByteToMessageDecoder}'s removal, in order, after the event.
 */
public final class HandshakeHandler extends ByteToMessageDecoder {
  /** User event fired once the handshake is done and chunk bytes follow. */
  public enum Completed {
    INSTANCE
  }

  static final int RTMP_VERSION = 3;
  static final int PACKET_SIZE = 1536;
  private static final int TIME_AND_ZERO_FIELDS = 8;

  private enum Phase { AWAIT_C0, AWAIT_C1, AWAIT_C2, FAILED }

  private Phase phase = Phase.AWAIT_C0;

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (phase == Phase.AWAIT_C0 && in.isReadable()) {
      readC0(ctx, in);
    }
    if (phase == Phase.AWAIT_C1 && in.readableBytes() >= PACKET_SIZE) {
      answerC1(ctx, in);
    }
    if (phase == Phase.AWAIT_C2 && in.readableBytes() >= PACKET_SIZE) {
      in.skipBytes(PACKET_SIZE);
      ctx.fireUserEventTriggered(Completed.INSTANCE);
      ctx.pipeline().remove(this);
    }
    if (phase == Phase.FAILED) {
      in.skipBytes(in.readableBytes());
    }
  }

  /** Checked before C1 arrives so an RTMPE or non-RTMP client is turned away at its first byte. */
  private void readC0(ChannelHandlerContext ctx, ByteBuf in) {
    int version = in.readUnsignedByte();
    if (version != RTMP_VERSION) {
      phase = Phase.FAILED;
      in.skipBytes(in.readableBytes());
      ctx.close();
      throw new RtmpProtocolException(
          "unsupported RTMP version " + version + " (encrypted RTMPE is not supported)");
    }
    phase = Phase.AWAIT_C1;
  }

  private void answerC1(ChannelHandlerContext ctx, ByteBuf in) {
    ByteBuf response = ctx.alloc().buffer(1 + 2 * PACKET_SIZE);
    response.writeByte(RTMP_VERSION);
    // S1: time 0 (our chunk timestamps start there) and a zero version field, then random bytes.
    response.writeZero(TIME_AND_ZERO_FIELDS);
    byte[] random = new byte[PACKET_SIZE - TIME_AND_ZERO_FIELDS];
    ThreadLocalRandom.current().nextBytes(random);
    response.writeBytes(random);
    response.writeBytes(in, PACKET_SIZE);
    ctx.writeAndFlush(response);
    phase = Phase.AWAIT_C2;
  }
}
