package org.ownerless.ingest.transcode;

/**
 * A rendition chosen for a concrete source: its output size, the RFC 6381 codecs string and the
 * peak bandwidth a player should budget (what the master playlist advertises).
 */
public record SelectedRendition(RenditionSpec spec, int width, int height, String codecs, long bandwidth) {
  public String name() {
    return spec.name();
  }
}
