package org.ownerless.ingest.hls;

/** A playlist another packager wrote is not one this follower accepts; the message says why, for the log. */
public final class PlaylistException extends Exception {
  public PlaylistException(String message) {
    super(message);
  }
}
