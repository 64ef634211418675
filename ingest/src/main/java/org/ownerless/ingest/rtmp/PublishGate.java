package org.ownerless.ingest.rtmp;

import io.netty.channel.Channel;

/** Decides who may publish and connects an authorized publisher to its stream. */
public interface PublishGate {
  /** Constant-time check of a publish token. */
  boolean tokenMatches(String token);

  /**
   * Attaches an authorized publisher to stream {@code name}, replacing (and closing) any previous
   * publisher of that stream, which is assumed to be a half-open connection of the same broadcaster.
   *
   * @throws MediaRejectedException when the stream cannot be accepted (e.g. too many streams)
   */
  MediaSink startPublishing(String name, Channel publisher) throws MediaRejectedException;
}
