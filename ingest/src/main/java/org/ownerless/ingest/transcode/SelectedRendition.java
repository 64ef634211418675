package org.ownerless.ingest.transcode;

import org.ownerless.protocol.model.Rendition;

/**
 * A rendition chosen for a concrete source: its output size, the RFC 6381 codecs string and the
 * peak bandwidth a player should budget (what the master playlist advertises).
 */
public record SelectedRendition(RenditionSpec spec, int width, int height, String codecs, long bandwidth) {
  public String name() {
    return spec.name();
  }

  /** As the signed announce states it (and the master playlist is written from it). */
  public Rendition toRendition() {
    return new Rendition(name(), bandwidth, width, height, codecs);
  }
}
