package org.ownerless.ingest.transcode;

/**
 * What the ingest learned about a publisher's media from its sequence headers and metadata.
 *
 * @param videoCodecs RFC 6381 string of the source video (e.g. avc1.64001f)
 * @param audioCodecs RFC 6381 string of the source audio, or null when the stream has no audio
 * @param bitrateKbps total bitrate announced in onMetaData, or 0 when unknown
 */
public record SourceInfo(int width, int height, String videoCodecs, String audioCodecs, int bitrateKbps) {
  public boolean hasAudio() {
    return audioCodecs != null;
  }
}
