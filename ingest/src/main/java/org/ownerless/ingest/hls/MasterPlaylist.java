package org.ownerless.ingest.hls;

import java.util.List;
import org.ownerless.ingest.transcode.SelectedRendition;

/** The HLS master playlist listing every rendition's media playlist (REND/index.m3u8). */
public final class MasterPlaylist {
  private MasterPlaylist() {}

  public static String render(List<SelectedRendition> renditions) {
    StringBuilder sb = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
    for (SelectedRendition r : renditions) {
      sb.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(r.bandwidth())
          .append(",RESOLUTION=").append(r.width()).append('x').append(r.height())
          .append(",CODECS=\"").append(r.codecs()).append("\"\n")
          .append(r.name()).append("/index.m3u8\n");
    }
    return sb.toString();
  }
}
