package org.ownerless.protocol.model;

import org.ownerless.protocol.crypto.PublicKey;

/** A stream's global identity: its creator's key and its name, written PUB/NAME as in URLs. */
public record StreamId(PublicKey creator, String name) {
  public StreamId {
    if (!Names.isStreamName(name)) {
      throw new IllegalArgumentException("invalid stream name '" + name + "': " + Names.STREAM_RULE);
    }
  }

  /** Parses PUB/NAME; throws IllegalArgumentException saying which part is wrong. */
  public static StreamId parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("expected PUB/NAME, got '" + text + "'");
    }
    return new StreamId(PublicKey.parse(text.substring(0, slash)), text.substring(slash + 1));
  }

  /** The path below which every file of this stream is served: streams/PUB/NAME. */
  public String path() {
    return "streams/" + this;
  }

  @Override
  public String toString() {
    return creator.toBase64Url() + "/" + name;
  }
}
