package org.ownerless.ingest.rtmp;

import io.netty.buffer.ByteBufUtil;
import java.util.HexFormat;
import java.util.List;

/** A decoded message as a comparable value; building one releases the message. */
record Received(int chunkStreamId, int typeId, long timestamp, int messageStreamId, String payloadHex) {

  static Received message(int chunkStreamId, int typeId, long timestamp, int messageStreamId, byte[] payload) {
    return new Received(chunkStreamId, typeId, timestamp, messageStreamId, HexFormat.of().formatHex(payload));
  }

  static List<Received> of(List<RtmpMessage> messages) {
    return messages.stream().map(Received::of).toList();
  }

  static Received of(RtmpMessage message) {
    try {
      return message(message.chunkStreamId(), message.typeId(), message.timestamp(),
          message.messageStreamId(), ByteBufUtil.getBytes(message.payload()));
    } finally {
      message.release();
    }
  }
}
