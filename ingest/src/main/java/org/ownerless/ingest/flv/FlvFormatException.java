package org.ownerless.ingest.flv;

/**
 * A media header (FLV tag header, decoder configuration record, SPS, AudioSpecificConfig) is
 * truncated, malformed or uses a form this package does not handle.
 *
 * <p>Unchecked because the bytes come from a remote encoder: the caller's only sensible reaction
 * is to reject that message (or that publisher) at one place, not to thread a checked exception
 * through every codec-handling method. Every parser in this package throws only this type on bad
 * input, so one {@code catch} at the session boundary is enough.
 */
public class FlvFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FlvFormatException(String message) {
    super(message);
  }
}
