package org.ownerless.ingest.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ownerless.ingest.rtmp.amf.Amf0Writer;

/** The AMF0 commands a publishing client sends (connect, createStream, publish), built for tests. */
final class ClientCommands {
  private ClientCommands() {}

  /** A command message on chunk stream 3, e.g. {@code command(0, "connect", 1.0, object("app", "live"))}. */
  static RtmpMessage command(int messageStreamId, Object... values) {
    ByteBuf payload = Unpooled.buffer();
    Amf0Writer.writeAll(payload, values);
    return new RtmpMessage(3, MessageTypes.COMMAND_AMF0, 0, messageStreamId, payload);
  }

  /** An AMF0 object from alternating keys and values, in order. */
  static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
