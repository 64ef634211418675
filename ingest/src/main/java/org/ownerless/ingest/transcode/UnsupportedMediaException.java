package org.ownerless.ingest.transcode;

/** The publisher sends media the pipeline cannot take (e.g. HEVC over Enhanced RTMP, MP3 audio). */
public final class UnsupportedMediaException extends Exception {
  public UnsupportedMediaException(String message) {
    super(message);
  }
}
