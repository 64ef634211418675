package org.ownerless.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.util.Map;
import org.ownerless.ingest.rtmp.MediaRejectedException;
import org.ownerless.ingest.rtmp.MediaSink;
import org.ownerless.ingest.rtmp.StreamBusyException;
import org.ownerless.ingest.rtmp.amf.Amf0Writer;
import org.ownerless.ingest.rtmp.amf.EcmaArray;
import org.ownerless.ingest.transcode.StreamTranscoder;
import org.ownerless.ingest.transcode.UnsupportedMediaException;

/**
 * One stream as the ingest sees it: its transcoder, which lives as long as the server so that a
 * reconnecting publisher continues the same output, and the publisher currently feeding it.
 *
 * <p>A second publisher takes the stream over only once the current one has sent no media for
 * {@code takeoverAfterSilence}: an encoder that crashed or lost its network leaves a half-open
 * connection that must give way to its own reconnect, but a token that leaked must not let anyone
 * kick a live encoder off and put their own pictures under the creator's signature.
 */
final class IngestStream {
  private final String name;
  private final StreamTranscoder transcoder;
  private final long takeoverAfterSilenceNanos;
  private Channel publisher;
  // Written on the publisher's event loop for every media message, read by a rival's publish.
  private volatile long lastMediaNanos;

  IngestStream(String name, StreamTranscoder transcoder, java.time.Duration takeoverAfterSilence) {
    this.name = name;
    this.transcoder = transcoder;
    this.takeoverAfterSilenceNanos = takeoverAfterSilence.toNanos();
  }

  String name() {
    return name;
  }

  StreamTranscoder transcoder() {
    return transcoder;
  }

  synchronized boolean hasPublisher() {
    return publisher != null;
  }

  /**
   * Makes {@code channel} the publisher. A previous one that has been silent long enough is closed (a
   * half-open leftover); one still sending media keeps the stream and {@code channel} is refused.
   */
  synchronized MediaSink attach(Channel channel) throws StreamBusyException {
    Channel previous = publisher;
    if (previous != null) {
      long silentNanos = System.nanoTime() - lastMediaNanos;
      if (silentNanos < takeoverAfterSilenceNanos) {
        throw new StreamBusyException("stream '" + name + "' is already being published; a new publisher may take"
            + " it over once the current one has sent nothing for " + seconds(takeoverAfterSilenceNanos) + " s");
      }
    }
    publisher = channel;
    // The new publisher's grace period starts now, before its first frame arrives.
    lastMediaNanos = System.nanoTime();
    if (previous != null) {
      transcoder.publisherStopped();
      previous.close();
    }
    transcoder.publisherStarted();
    return new PublisherSink(channel);
  }

  private synchronized boolean isCurrent(Channel channel) {
    return publisher == channel;
  }

  private synchronized void detach(Channel channel) {
    if (publisher == channel) {
      publisher = null;
      transcoder.publisherStopped();
    }
  }

  void close() {
    transcoder.close();
  }

  /** A publisher's view of the stream; inert once that publisher has been replaced. */
  private final class PublisherSink implements MediaSink {
    private final Channel channel;

    PublisherSink(Channel channel) {
      this.channel = channel;
    }

    @Override
    public void metadata(Map<String, Object> metadata) {
      if (!isCurrent(channel)) {
        return;
      }
      ByteBuf body = Unpooled.buffer();
      try {
        Amf0Writer.write(body, "onMetaData");
        Amf0Writer.write(body, new EcmaArray(metadata));
        transcoder.onMetadata(ByteBufUtil.getBytes(body), kbps(metadata, "videodatarate") + kbps(metadata, "audiodatarate"));
      } catch (IllegalArgumentException e) {
        // metadata holding values we cannot re-encode: ffmpeg does not need it
      } finally {
        body.release();
      }
    }

    @Override
    public void audio(long timestamp, ByteBuf payload) throws MediaRejectedException {
      if (isCurrent(channel)) {
        lastMediaNanos = System.nanoTime();
        try {
          transcoder.onAudio(timestamp, payload);
        } catch (UnsupportedMediaException e) {
          throw new MediaRejectedException(e.getMessage());
        }
      }
    }

    @Override
    public void video(long timestamp, ByteBuf payload) throws MediaRejectedException {
      if (isCurrent(channel)) {
        lastMediaNanos = System.nanoTime();
        try {
          transcoder.onVideo(timestamp, payload);
        } catch (UnsupportedMediaException e) {
          throw new MediaRejectedException(e.getMessage());
        }
      }
    }

    @Override
    public void stop() {
      detach(channel);
    }
  }

  private static String seconds(long nanos) {
    return java.math.BigDecimal.valueOf(nanos / 1_000_000, 3).stripTrailingZeros().toPlainString();
  }

  private static int kbps(Map<String, Object> metadata, String key) {
    Object v = metadata.get(key);
    if (v instanceof Number) {
      double d = ((Number) v).doubleValue();
      return d > 0 && d < 1_000_000 ? (int) d : 0;
    }
    return 0;
  }
}
