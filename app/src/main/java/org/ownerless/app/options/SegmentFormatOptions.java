package org.ownerless.app.options;

import picocli.CommandLine.Option;

/**
 * `--segment-format` and `--part-seconds`: what the built-in packager writes (checked where the settings
 * are built). Shared by `node` and `demo`, so the demo can show CMAF and LL-HLS parts too.
 */
public final class SegmentFormatOptions {
  @Option(names = "--segment-format", paramLabel = "FORMAT",
      description = "Segments the built-in packager writes: ts (MPEG-TS) or fmp4 (CMAF, smaller; "
          + "players need HLS version 7) (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--part-seconds", paramLabel = "S",
      description = "LL-HLS part length in seconds with --segment-format fmp4, 0.2 to half of --segment-seconds: "
          + "each part is signed as it completes; 0 for no parts (default: ${DEFAULT-VALUE}).")
  double partSeconds;

  public SegmentFormatOptions(String defaultFormat, double defaultPartSeconds) {
    this.format = defaultFormat;
    this.partSeconds = defaultPartSeconds;
  }

  public String format() {
    return format;
  }

  public double partSeconds() {
    return partSeconds;
  }
}
