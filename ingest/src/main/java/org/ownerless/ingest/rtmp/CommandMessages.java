package org.ownerless.ingest.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ownerless.ingest.rtmp.amf.Amf0Writer;

/** Builders for the AMF0 command replies clients wait for (_result, _error, onStatus). */
final class CommandMessages {
  static final int COMMAND_CHUNK_STREAM = 3;
  static final int STATUS_CHUNK_STREAM = 5;

  private CommandMessages() {}

  static RtmpMessage result(double transactionId, Object properties, Object information) {
    return command(COMMAND_CHUNK_STREAM, 0, "_result", transactionId, properties, information);
  }

  static RtmpMessage error(double transactionId, Object properties, Object information) {
    return command(COMMAND_CHUNK_STREAM, 0, "_error", transactionId, properties, information);
  }

  static RtmpMessage onStatus(int messageStreamId, String level, String code, String description) {
    return command(STATUS_CHUNK_STREAM, messageStreamId, "onStatus", 0.0, null, status(level, code, description));
  }

  static Map<String, Object> status(String level, String code, String description) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("level", level);
    info.put("code", code);
    info.put("description", description);
    return info;
  }

  private static RtmpMessage command(int chunkStream, int messageStreamId, String name, Object... values) {
    ByteBuf payload = Unpooled.buffer();
    Amf0Writer.write(payload, name);
    for (Object v : values) {
      Amf0Writer.write(payload, v);
    }
    return new RtmpMessage(chunkStream, MessageTypes.COMMAND_AMF0, 0, messageStreamId, payload);
  }
}
