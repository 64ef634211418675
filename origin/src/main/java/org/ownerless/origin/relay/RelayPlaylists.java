package org.ownerless.origin.relay;

import org.ownerless.ingest.hls.MediaPlaylist;
import org.ownerless.ingest.hls.PlaylistEntry;
import java.util.List;
import org.ownerless.protocol.model.Rendition;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.model.StreamAnnounce;

/**
 * The playlists a relay serves, written from signed objects only — the media playlist from an
 * accepted MANIFEST_ROOT's window, the master from the verified announce — never copied from the
 * upstream, whose playlists are unsigned. Same format as the node's (ingest's MediaPlaylist and
 * MasterPlaylist): EXTINF with six decimals from durationUs, media sequence = first index.
 */
final class RelayPlaylists {
  /**
   * A live playlist leaves the oldest window entries out, as the node does (playlist 10, window 15):
   * a client that read the playlist just before the next manifest still finds every listed entry in it.
   */
  static final int LIVE_MARGIN = 5;
  static final int MIN_LISTED = 3;

  private RelayPlaylists() {}

  /** The window entries a playlist lists: all when the stream ended, else all but a margin of old ones. */
  static List<SegmentEntry> listed(List<SegmentEntry> window, boolean ended) {
    if (ended) {
      return window;
    }
    int margin = Math.min(LIVE_MARGIN, Math.max(0, window.size() - MIN_LISTED));
    return window.subList(margin, window.size());
  }

  /**
   * @param discontinuitySequence discontinuities before the first listed entry (as seen by this relay)
   * @param targetSeconds at least every listed EXTINF rounded to the nearest second (RFC 8216 §4.3.3.1)
   */
  static String media(List<SegmentEntry> listed, long discontinuitySequence, int targetSeconds, boolean ended) {
    // The node's own renderer: a relay's playlist is byte for byte what the node would write.
    return MediaPlaylist.render(listed.stream()
        .map(e -> new PlaylistEntry(e.index(), e.uri(), e.durationUs(), e.discontinuity())).toList(),
        discontinuitySequence, targetSeconds, ended);
  }

  static String master(StreamAnnounce announce) {
    StringBuilder sb = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
    for (Rendition r : announce.renditions()) {
      sb.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(r.bandwidth())
          .append(",RESOLUTION=").append(r.width()).append('x').append(r.height())
          .append(",CODECS=\"").append(r.codecs()).append("\"\n")
          .append(r.name()).append("/index.m3u8\n");
    }
    return sb.toString();
  }
}
