package org.ownerless.ingest.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Builders for the protocol control and user control messages the server sends (RTMP §5.4, §6.2). */
final class ControlMessages {
  static final int CONTROL_CHUNK_STREAM = 2;
  static final int USER_CONTROL_STREAM_BEGIN = 0;
  static final int USER_CONTROL_PING_REQUEST = 6;
  static final int USER_CONTROL_PING_RESPONSE = 7;

  private ControlMessages() {}

  static RtmpMessage setChunkSize(int size) {
    return control(MessageTypes.SET_CHUNK_SIZE, Unpooled.buffer(4).writeInt(size));
  }

  static RtmpMessage windowAckSize(int size) {
    return control(MessageTypes.WINDOW_ACK_SIZE, Unpooled.buffer(4).writeInt(size));
  }

  /** Limit type 2 (dynamic). */
  static RtmpMessage setPeerBandwidth(int size) {
    return control(MessageTypes.SET_PEER_BANDWIDTH, Unpooled.buffer(5).writeInt(size).writeByte(2));
  }

  static RtmpMessage acknowledgement(long sequenceNumber) {
    return control(MessageTypes.ACKNOWLEDGEMENT, Unpooled.buffer(4).writeInt((int) sequenceNumber));
  }

  static RtmpMessage streamBegin(int streamId) {
    return control(MessageTypes.USER_CONTROL,
        Unpooled.buffer(6).writeShort(USER_CONTROL_STREAM_BEGIN).writeInt(streamId));
  }

  static RtmpMessage pingResponse(int timestamp) {
    return control(MessageTypes.USER_CONTROL,
        Unpooled.buffer(6).writeShort(USER_CONTROL_PING_RESPONSE).writeInt(timestamp));
  }

  private static RtmpMessage control(int type, ByteBuf payload) {
    return new RtmpMessage(CONTROL_CHUNK_STREAM, type, 0, 0, payload);
  }
}
