package org.ownerless.ingest.cmaf;

/** The byte stream is not the fragmented MP4 the cutter expects; the message says where and why. */
public final class Mp4FormatException extends Exception {
  public Mp4FormatException(String message) {
    super(message, null, false, false);
  }
}
