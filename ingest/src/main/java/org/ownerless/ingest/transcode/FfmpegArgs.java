package org.ownerless.ingest.transcode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ffmpeg command line for one transcoding run: FLV on stdin, one segmenter per rendition
 * (MPEG-TS, or fragmented MP4 for fMP4/CMAF), each announcing finished segments as CSV lines (file,start,end) on its own FIFO, and
 * key=value progress on stdout. Transcoded rungs get a keyframe exactly every segment duration so
 * that every rung cuts at the same instants.
 */
public final class FfmpegArgs {
  /**
   * How early a keyframe may come and still end the segment due at that instant. A source's
   * keyframes meant for the boundary can land a few milliseconds before it (an encoder stamping
   * frames from a live clock); without a tolerance the copy rendition runs on to the next keyframe,
   * a whole GOP later, and its segment numbers drift from the rungs'. Only the copy rendition can
   * have such keyframes: the rungs' are forced at or after each boundary, never before. Less than
   * one frame at 20 fps and small beside any GOP a source would use, so no keyframe meant for
   * another instant is taken for the boundary's.
   */
  static final double EARLY_KEYFRAME_TOLERANCE_SECONDS = 0.05;

  private FfmpegArgs() {}

  /**
   * @param renditionDirs where each rendition's segments of this run are written (same order as renditions)
   * @param segmentLists the FIFO each rendition's segmenter reports to (same order)
   */
  public static List<String> build(String ffmpeg, List<SelectedRendition> renditions, boolean hasAudio,
      double segmentSeconds, SegmentFormat format, List<Path> renditionDirs, List<Path> segmentLists) {
    return build(ffmpeg, renditions, hasAudio, segmentSeconds, format, 0, renditionDirs, segmentLists);
  }

  /**
   * As above; with {@code partSeconds} > 0 (fMP4 only) each rendition is instead one fragmented MP4
   * written into its FIFO, a fragment per part, for {@link Fmp4PartStream} to cut.
   */
  public static List<String> build(String ffmpeg, List<SelectedRendition> renditions, boolean hasAudio,
      double segmentSeconds, SegmentFormat format, double partSeconds, List<Path> renditionDirs,
      List<Path> segmentLists) {
    String seg = String.format(Locale.ROOT, "%.3f", segmentSeconds);
    String early = String.format(Locale.ROOT, "%.3f", EARLY_KEYFRAME_TOLERANCE_SECONDS);
    List<String> a = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "warning",
        "-fflags", "+genpts", "-f", "flv", "-i", "pipe:0"));
    if (partSeconds > 0) {
      a.add(1, "-y"); // the outputs are the FIFOs FfmpegRun made: "overwriting" them is writing into them
    }

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
            "-profile:v", "main",
            "-level:v", r.height() <= Ladder.LEVEL_31_MAX_HEIGHT ? "3.1" : "4.2",
            "-b:v", kbps + "k", "-maxrate", (kbps * 11 / 10) + "k", "-bufsize", (kbps * 2) + "k",
            "-force_key_frames", "expr:gte(t,n_forced*" + seg + ")", "-sc_threshold", "0"));
      }
      if (partSeconds > 0) {
        a.addAll(partStream(partSeconds, segmentLists.get(i)));
        continue;
      }
      a.addAll(segmenter(format));
      a.addAll(List.of("-f", "segment", "-segment_time", seg, "-segment_time_delta", early,
          "-segment_list", segmentLists.get(i).toString(), "-segment_list_type", "csv",
          "-reset_timestamps", "0", renditionDirs.get(i).resolve(format == SegmentFormat.FMP4 ? "%d.mp4" : "%d.ts")
              .toString()));
    }
    a.addAll(List.of("-progress", "pipe:1", "-stats_period", "1"));
    return a;
  }

  /**
   * Part mode: one fragmented MP4 per rendition, streamed into its FIFO. Unlike the segment muxer,
   * which writes a segment's fragments only when the segment closes, the mp4 muxer on a pipe writes
   * each fragment as soon as it is complete. A fragment starts at every keyframe (so a segment can
   * start at every one) and otherwise every part length. One continuous stream needs no
   * frag_discont; bitexact keeps the init bytes the same across runs, as in the segment mode.
   */
  private static List<String> partStream(double partSeconds, Path fifo) {
    return List.of("-fflags", "+bitexact", "-f", "mp4", "-movflags",
        "+frag_keyframe+empty_moov+default_base_moof+cmaf", "-frag_duration",
        String.valueOf(Math.round(partSeconds * 1_000_000)), fifo.toString());
  }

  /**
   * The segment muxer's container options. fMP4 uses the segment muxer too, not the hls muxer: its
   * CSV list on a FIFO is the completion signal the TS path already trusts (a line only once the
   * file is closed), where the hls muxer would have to be followed through a playlist it rewrites.
   * Each file is self-contained (empty_moov: ftyp+moov first, then one moof+mdat per keyframe, with
   * tfdt carrying the decode time, default_base_moof and cmaf as CMAF asks); Fmp4Split cuts it at the
   * first moof. frag_discont makes each file's first tfdt its real decode time: without it every file
   * after the first restarts at 0 (ffmpeg warns "starts with a nonzero dts" once per file and track)
   * and a player would place every segment at the start of the timeline. bitexact keeps ffmpeg's
   * version string out of the moov, so the same source and settings give the same init bytes across
   * runs: one content-addressed file.
   */
  private static List<String> segmenter(SegmentFormat format) {
    if (format == SegmentFormat.FMP4) {
      return List.of("-fflags", "+bitexact", "-segment_format", "mp4", "-segment_format_options",
          "movflags=+frag_keyframe+empty_moov+default_base_moof+cmaf+frag_discont");
    }
    // The segment muxer starts each file's continuity counters at 0; without the discontinuity flag
    // a player reading segment after segment (ffmpeg, VLC) marks each segment's first packet, a
    // keyframe, corrupt, and one that discards corrupt packets drops it.
    return List.of("-segment_format", "mpegts", "-segment_format_options", "mpegts_flags=+initial_discontinuity");
  }
}
