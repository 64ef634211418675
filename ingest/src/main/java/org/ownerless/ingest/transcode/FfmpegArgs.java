package org.ownerless.ingest.transcode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ffmpeg command line for one transcoding run: FLV on stdin, one MPEG-TS segmenter per
 * rendition, each announcing finished segments as CSV lines (file,start,end) on its own FIFO, and
 * key=value progress on stdout. Transcoded rungs get a keyframe exactly every segment duration so
 * that every rung cuts at the same instants.
 */
public final class FfmpegArgs {
  private FfmpegArgs() {}

  /**
   * @param renditionDirs where each rendition's segments of this run are written (same order as renditions)
   * @param segmentLists the FIFO each rendition's segmenter reports to (same order)
   */
  public static List<String> build(String ffmpeg, List<SelectedRendition> renditions, boolean hasAudio,
      double segmentSeconds, List<Path> renditionDirs, List<Path> segmentLists) {
    String seg = String.format(Locale.ROOT, "%.3f", segmentSeconds);
    List<String> a = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "warning",
        "-fflags", "+genpts", "-f", "flv", "-i", "pipe:0"));

    List<SelectedRendition> rungs = renditions.stream().filter(r -> !r.spec().isCopy()).toList();
    if (!rungs.isEmpty()) {
      // Decode once, scale per rung.
      StringBuilder graph = new StringBuilder("[0:v:0]split=").append(rungs.size());
      for (int i = 0; i < rungs.size(); i++) {
        graph.append("[in").append(i).append(']');
      }
      for (int i = 0; i < rungs.size(); i++) {
        SelectedRendition r = rungs.get(i);
        graph.append(";[in").append(i).append("]scale=").append(r.width()).append(':').append(r.height())
            .append(",format=yuv420p[out").append(i).append(']');
      }
      a.addAll(List.of("-filter_complex", graph.toString()));
    }

    int rung = 0;
    for (int i = 0; i < renditions.size(); i++) {
      SelectedRendition r = renditions.get(i);
      if (r.spec().isCopy()) {
        a.addAll(List.of("-map", "0:v:0"));
        if (hasAudio) {
          a.addAll(List.of("-map", "0:a:0"));
        }
        a.addAll(List.of("-c", "copy"));
      } else {
        int kbps = r.spec().videoKbps();
        a.addAll(List.of("-map", "[out" + rung++ + "]"));
        if (hasAudio) {
          a.addAll(List.of("-map", "0:a:0", "-c:a", "aac", "-b:a", r.spec().audioKbps() + "k"));
        }
        a.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency",
            "-profile:v", "main", "-level:v", "3.1",
            "-b:v", kbps + "k", "-maxrate", (kbps * 11 / 10) + "k", "-bufsize", (kbps * 2) + "k",
            "-force_key_frames", "expr:gte(t,n_forced*" + seg + ")", "-sc_threshold", "0"));
      }
      // The segment muxer starts each file's continuity counters at 0; without the discontinuity flag
      // a player reading segment after segment (ffmpeg, VLC) marks each segment's first packet, a
      // keyframe, corrupt, and one that discards corrupt packets drops it.
      a.addAll(List.of("-f", "segment", "-segment_time", seg, "-segment_format", "mpegts",
          "-segment_format_options", "mpegts_flags=+initial_discontinuity",
          "-segment_list", segmentLists.get(i).toString(), "-segment_list_type", "csv",
          "-reset_timestamps", "0", renditionDirs.get(i).resolve("%d.ts").toString()));
    }
    a.addAll(List.of("-progress", "pipe:1", "-stats_period", "1"));
    return a;
  }
}
