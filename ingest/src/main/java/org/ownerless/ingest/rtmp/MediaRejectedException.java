package org.ownerless.ingest.rtmp;

/** The publisher's media cannot be ingested (e.g. an unsupported codec); the message is shown to it. */
public class MediaRejectedException extends Exception {
  public MediaRejectedException(String message) {
    super(message);
  }
}
