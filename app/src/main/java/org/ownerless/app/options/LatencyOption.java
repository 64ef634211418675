package org.ownerless.app.options;

import picocli.CommandLine.Option;

/** `--latency`: the viewers' default latency mode, as its wire name (checked where the settings are built). */
public final class LatencyOption {
  @Option(names = "--latency", paramLabel = "MODE", description = "Latency mode, low or normal (default: ${DEFAULT-VALUE}).")
  String mode;

  public LatencyOption(String defaultMode) {
    this.mode = defaultMode;
  }

  public String value() {
    return mode;
  }
}
