package org.ownerless.ingest.transcode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The configured rendition ladder and how it is fitted to a source: rungs taller than the source
 * are skipped (upscaling wastes bits and CPU), widths keep the source aspect ratio, rounded to the
 * nearest even number (H.264 4:2:0 needs even dimensions).
 */
public record Ladder(List<RenditionSpec> rungs) {
  /** Source copy plus 720p, 480p and 360p, the common web ladder, as a user writes it (audio at its default). */
  public static final String DEFAULT_SPEC = "src,720p:720:2800,480p:480:1400,360p:360:800";
  public static final Ladder DEFAULT = parse(DEFAULT_SPEC);

  /** Transcoded rungs are encoded as H.264 Main at this level, so their codecs string is known up front. */
  static final String RUNG_VIDEO_CODECS = "avc1.4d401f";
  /** Rungs taller than 720p (a re-encoded 1080p source) need a higher level: Main 4.2. */
  static final String TALL_RUNG_VIDEO_CODECS = "avc1.4d402a";
  static final int LEVEL_31_MAX_HEIGHT = 720;
  static final String RUNG_AUDIO_CODECS = "mp4a.40.2";
  static final int DEFAULT_AUDIO_KBPS = 128;
  /** Advertised bandwidth of the copied source when its metadata does not say. */
  static final int UNKNOWN_SOURCE_KBPS = 6000;

  public Ladder {
    rungs = List.copyOf(rungs);
    if (rungs.isEmpty()) {
      throw new IllegalArgumentException("the ladder needs at least one rendition");
    }
    Set<String> names = new LinkedHashSet<>();
    for (RenditionSpec r : rungs) {
      if (!names.add(r.name())) {
        throw new IllegalArgumentException("rendition '" + r.name() + "' appears twice in the ladder");
      }
    }
  }

  /**
   * Parses "src,720p:720:2800,480p:480:1400": {@code src} is the source copy; other entries are
   * NAME:HEIGHT:VIDEO_KBPS with an optional :AUDIO_KBPS (default 128).
   */
  public static Ladder parse(String text) {
    List<RenditionSpec> rungs = new ArrayList<>();
    for (String item : text.split(",")) {
      String s = item.trim();
      if (s.equals("src")) {
        rungs.add(RenditionSpec.sourceCopy());
        continue;
      }
      String[] parts = s.split(":");
      if (parts.length < 3 || parts.length > 4) {
        throw new IllegalArgumentException("ladder entry '" + s + "' is not src or NAME:HEIGHT:VIDEO_KBPS[:AUDIO_KBPS]");
      }
      try {
        rungs.add(new RenditionSpec(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
            parts.length == 4 ? Integer.parseInt(parts[3]) : DEFAULT_AUDIO_KBPS));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("ladder entry '" + s + "' has a non-numeric height or bitrate");
      }
    }
    return new Ladder(rungs);
  }

  /** The renditions to produce for {@code source}, in ladder order. */
  public List<SelectedRendition> select(SourceInfo source) {
    return select(source, false);
  }

  /**
   * As {@link #select(SourceInfo)}; with {@code reencodeSource} the {@code src} rendition is encoded
   * again at the source's own size (so the transcoder can place keyframes at the segment length)
   * instead of copied, at the source's announced bitrate.
   */
  public List<SelectedRendition> select(SourceInfo source, boolean reencodeSource) {
    List<SelectedRendition> out = new ArrayList<>();
    for (RenditionSpec spec : rungs) {
      if (spec.isCopy() && reencodeSource) {
        int kbps = Math.max(200, (source.bitrateKbps() > 0 ? source.bitrateKbps() : UNKNOWN_SOURCE_KBPS)
            - (source.hasAudio() ? DEFAULT_AUDIO_KBPS : 0));
        RenditionSpec again = new RenditionSpec(spec.name(), source.height() + source.height() % 2, kbps,
            DEFAULT_AUDIO_KBPS);
        out.add(rung(again, source, source.width() + source.width() % 2));
      } else if (spec.isCopy()) {
        String codecs = source.hasAudio() ? source.videoCodecs() + "," + source.audioCodecs() : source.videoCodecs();
        int kbps = source.bitrateKbps() > 0 ? source.bitrateKbps() : UNKNOWN_SOURCE_KBPS;
        out.add(new SelectedRendition(spec, source.width(), source.height(), codecs, kbps * 1000L));
      } else if (spec.height() <= source.height()) {
        out.add(rung(spec, source, evenWidth(source.width(), source.height(), spec.height())));
      }
    }
    if (out.isEmpty()) {
      // A ladder without src whose every rung is taller than the source: keep the smallest rung.
      RenditionSpec smallest = rungs.stream().min((a, b) -> Integer.compare(a.height(), b.height())).orElseThrow();
      out.add(new SelectedRendition(smallest, evenWidth(source.width(), source.height(), smallest.height()),
          smallest.height(), RUNG_VIDEO_CODECS + (source.hasAudio() ? "," + RUNG_AUDIO_CODECS : ""),
          (long) (smallest.videoKbps() * 1.1 + smallest.audioKbps()) * 1000L));
    }
    return out;
  }

  private static SelectedRendition rung(RenditionSpec spec, SourceInfo source, int width) {
    String video = videoCodecs(spec.height());
    String codecs = source.hasAudio() ? video + "," + RUNG_AUDIO_CODECS : video;
    long peak = (long) (spec.videoKbps() * 1.1 + (source.hasAudio() ? spec.audioKbps() : 0)) * 1000L;
    return new SelectedRendition(spec, width, spec.height(), codecs, peak);
  }

  /** The codecs string of a transcoded rung of this height (H.264 Main, level 3.1 or 4.2). */
  static String videoCodecs(int height) {
    return height <= LEVEL_31_MAX_HEIGHT ? RUNG_VIDEO_CODECS : TALL_RUNG_VIDEO_CODECS;
  }

  static int evenWidth(int srcWidth, int srcHeight, int height) {
    long w = 2 * Math.round((double) srcWidth * height / Math.max(1, srcHeight) / 2);
    return (int) Math.max(2, w);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (RenditionSpec r : rungs) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(r.isCopy() ? "src" : r.name() + ":" + r.height() + ":" + r.videoKbps() + ":" + r.audioKbps());
    }
    return sb.toString();
  }
}
