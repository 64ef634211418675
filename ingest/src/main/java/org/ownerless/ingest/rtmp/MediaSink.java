package org.ownerless.ingest.rtmp;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/** Where a publishing session delivers its media. Called on the connection's event-loop thread. */
public interface MediaSink {
  void metadata(Map<String, Object> metadata);

  void audio(long timestamp, ByteBuf payload) throws MediaRejectedException;

  void video(long timestamp, ByteBuf payload) throws MediaRejectedException;

  /** The publisher stopped (FCUnpublish, deleteStream, or the connection closed). */
  void stop();
}
