package org.ownerless.ingest.transcode;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The container the built-in packager writes: self-contained MPEG-TS segments, or fMP4/CMAF media
 * segments that share one initialization section per run (ftyp+moov, HLS EXT-X-MAP).
 */
public enum SegmentFormat {
  TS("ts"),
  FMP4("fmp4");

  private final String flag;

  SegmentFormat(String flag) {
    this.flag = flag;
  }

  /** The spelling of --segment-format and the config file. */
  public String flag() {
    return flag;
  }

  /** The format spelled {@code text} (ts or fmp4, any case), or empty. */
  public static Optional<SegmentFormat> parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.flag.equals(t)).findFirst();
  }

  @Override
  public String toString() {
    return flag;
  }
}
