package org.ownerless.ingest.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * RTMP protocol control (RTMP 1.0 §5.4) and user control pings (§6.2), so the session behind it
 * sees only commands, data and media.
 *
 * <p>Inbound, it keeps the peer's Window Acknowledgement Size and acknowledges each window of bytes
 * received, answers ping requests, and drops Acknowledgement and Set Peer Bandwidth messages, which
 * ask nothing of a server that only receives. (Set Chunk Size and Abort change how chunks are read,
 * so {@link ChunkDecoder} consumes them.) Outbound, when the session writes {@link #ANNOUNCE_SETTINGS}
 * on accepting a connect, it sends our window, peer bandwidth and chunk size and switches the
 * encoder to that chunk size.
 */
public final class ProtocolControlHandler extends ChannelDuplexHandler {
  /** Written by the session after accepting a connect, before its _result. */
  public static final Object ANNOUNCE_SETTINGS = new Object() {
    @Override
    public String toString() {
      return "ANNOUNCE_SETTINGS";
    }
  };

  static final int OUR_CHUNK_SIZE = 4096;
  static final int OUR_WINDOW = 2_500_000;
  /** The decoder does not count handshake bytes, but the peer's byte count includes them. */
  private static final int HANDSHAKE_BYTES = 1 + 1536 + 1536;

  private final ChunkEncoder encoder;
  private final ChunkDecoder decoder;
  private long peerWindow;
  private long lastAcknowledged;

  public ProtocolControlHandler(ChunkEncoder encoder, ChunkDecoder decoder) {
    this.encoder = encoder;
    this.decoder = decoder;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof RtmpMessage m)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (isControl(m.typeId())) {
      try {
        handle(ctx, m);
      } finally {
        m.release();
      }
    } else {
      ctx.fireChannelRead(m);
    }
    // After the session's own replies, as before the split, so the bytes on the wire keep their order.
    acknowledgeIfDue(ctx);
  }

  private static boolean isControl(int typeId) {
    return typeId == MessageTypes.WINDOW_ACK_SIZE || typeId == MessageTypes.USER_CONTROL
        || typeId == MessageTypes.ACKNOWLEDGEMENT || typeId == MessageTypes.SET_PEER_BANDWIDTH;
  }

  private void handle(ChannelHandlerContext ctx, RtmpMessage m) {
    ByteBuf payload = m.payload();
    switch (m.typeId()) {
      case MessageTypes.WINDOW_ACK_SIZE -> {
        if (payload.readableBytes() >= 4) {
          peerWindow = payload.getUnsignedInt(payload.readerIndex());
        }
      }
      case MessageTypes.USER_CONTROL -> {
        if (payload.readableBytes() >= 6 && payload.getUnsignedShort(payload.readerIndex())
            == ControlMessages.USER_CONTROL_PING_REQUEST) {
          ctx.writeAndFlush(ControlMessages.pingResponse(payload.getInt(payload.readerIndex() + 2)));
        }
      }
      default -> {
        // Acknowledgement, Set Peer Bandwidth: nothing to do for a server that only receives media.
      }
    }
  }

  /** Acknowledgements per the window the peer asked for; some encoders stall without them. */
  private void acknowledgeIfDue(ChannelHandlerContext ctx) {
    if (!ctx.channel().isActive()) {
      return; // the session closed the connection over this message; nothing more goes out
    }
    long received = decoder.bytesReceived() + HANDSHAKE_BYTES;
    if (peerWindow > 0 && received - lastAcknowledged >= peerWindow) {
      lastAcknowledged = received;
      ctx.writeAndFlush(ControlMessages.acknowledgement(received & 0xFFFFFFFFL));
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg != ANNOUNCE_SETTINGS) {
      ctx.write(msg, promise);
      return;
    }
    ctx.write(ControlMessages.windowAckSize(OUR_WINDOW));
    ctx.write(ControlMessages.setPeerBandwidth(OUR_WINDOW));
    ctx.write(ControlMessages.setChunkSize(OUR_CHUNK_SIZE), promise);
    encoder.setChunkSize(OUR_CHUNK_SIZE); // the Set Chunk Size message itself went out in the old size
  }
}
