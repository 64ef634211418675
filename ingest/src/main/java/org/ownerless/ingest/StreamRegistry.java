package org.ownerless.ingest;

import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.ownerless.ingest.rtmp.MediaRejectedException;
import org.ownerless.ingest.rtmp.MediaSink;
import org.ownerless.ingest.rtmp.PublishGate;
import org.ownerless.ingest.transcode.StreamTranscoder;

/** The streams of this ingest, created on the first authorized publish and kept for the server's life. */
final class StreamRegistry implements PublishGate {
  private final byte[] token;
  private final int maxStreams;
  private final Function<String, StreamTranscoder> transcoders;
  private final java.util.function.Predicate<String> allowed;
  private final Map<String, IngestStream> streams = new ConcurrentHashMap<>();
  private final java.time.Duration takeoverAfterSilence;

  StreamRegistry(String publishToken, int maxStreams, Function<String, StreamTranscoder> transcoders,
      java.util.function.Predicate<String> allowed, java.time.Duration takeoverAfterSilence) {
    this.allowed = allowed;
    this.takeoverAfterSilence = takeoverAfterSilence;
    this.token = publishToken.getBytes(StandardCharsets.UTF_8);
    this.maxStreams = maxStreams;
    this.transcoders = transcoders;
  }

  @Override
  public boolean tokenMatches(String candidate) {
    return candidate != null && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public synchronized MediaSink startPublishing(String name, Channel publisher) throws MediaRejectedException {
    if (!allowed.test(name)) {
      throw new MediaRejectedException("this server does not carry a stream named '" + name + "'");
    }
    IngestStream stream = streams.get(name);
    if (stream == null) {
      if (streams.size() >= maxStreams) {
        throw new MediaRejectedException("this server already carries its maximum of " + maxStreams + " streams");
      }
      stream = new IngestStream(name, transcoders.apply(name), takeoverAfterSilence);
      streams.put(name, stream);
    }
    return stream.attach(publisher);
  }

  StreamTranscoder transcoder(String name) {
    IngestStream s = streams.get(name);
    return s == null ? null : s.transcoder();
  }

  List<String> names() {
    return new ArrayList<>(streams.keySet());
  }

  boolean isPublishing(String name) {
    IngestStream s = streams.get(name);
    return s != null && s.hasPublisher();
  }

  void closeAll() {
    streams.values().forEach(IngestStream::close);
  }
}
