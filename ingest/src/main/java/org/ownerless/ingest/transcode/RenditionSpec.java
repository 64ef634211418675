package org.ownerless.ingest.transcode;

import org.ownerless.protocol.model.Names;

/**
 * One rung of the configured ladder. {@code height == 0} means the source itself, copied without
 * re-encoding (the {@code src} rendition); otherwise the source is scaled to this height, keeping
 * its aspect ratio, and encoded at {@code videoKbps}.
 */
public record RenditionSpec(String name, int height, int videoKbps, int audioKbps) {
  public RenditionSpec {
    if (!Names.isRenditionName(name)) {
      throw new IllegalArgumentException("invalid rendition name '" + name + "': " + Names.RENDITION_RULE);
    }
    if (height < 0 || height > 4320 || height % 2 != 0) {
      throw new IllegalArgumentException("rendition " + name + ": height must be an even number of pixels up to 4320");
    }
    if (height > 0 && (videoKbps < 50 || videoKbps > 100_000)) {
      throw new IllegalArgumentException("rendition " + name + ": video bitrate must be 50..100000 kbit/s");
    }
    if (audioKbps < 0 || audioKbps > 512) {
      throw new IllegalArgumentException("rendition " + name + ": audio bitrate must be 0..512 kbit/s");
    }
  }

  public static RenditionSpec sourceCopy() {
    return new RenditionSpec("src", 0, 0, 0);
  }

  public boolean isCopy() {
    return height == 0;
  }
}
