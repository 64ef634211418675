package org.ownerless.ingest.rtmp;

/**
 * The stream already has a publisher that is still sending media. Told apart from other refusals so
 * the session answers with the status encoders know for "already publishing" (NetStream.Publish.BadName).
 */
public final class StreamBusyException extends MediaRejectedException {
  public StreamBusyException(String message) {
    super(message);
  }
}
