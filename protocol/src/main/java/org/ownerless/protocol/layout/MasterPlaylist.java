package org.ownerless.protocol.layout;

import java.util.List;
import org.ownerless.protocol.model.Rendition;

/**
 * The HLS master playlist of a stream, written from the renditions a STREAM_ANNOUNCE names: a node
 * writes it when its ladder is decided, a relay from the announce it verified. Both write the same
 * bytes for the same renditions, so a player sees one master playlist whichever origin it reads.
 */
public final class MasterPlaylist {
  private MasterPlaylist() {}

  public static String render(List<Rendition> renditions) {
    StringBuilder sb = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
    for (Rendition r : renditions) {
      sb.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(r.bandwidth())
          .append(",RESOLUTION=").append(r.width()).append('x').append(r.height())
          .append(",CODECS=\"").append(r.codecs()).append("\"\n")
          .append(StreamLayout.mediaPlaylist(r.name())).append('\n');
    }
    return sb.toString();
  }
}
