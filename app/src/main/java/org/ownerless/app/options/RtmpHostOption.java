package org.ownerless.app.options;

import picocli.CommandLine.Option;

/**
 * `--rtmp-host`: where plain RTMP listens. Left out, it follows `--host`, except when RTMPS is on:
 * then plain RTMP stays on this machine (127.0.0.1), so a node offered to the internet over RTMPS does
 * not also take the token in clear text from it.
 */
public final class RtmpHostOption {
  @Option(names = "--rtmp-host", paramLabel = "ADDR",
      description = "Address plain RTMP listens on (default: --host, or 127.0.0.1 when RTMPS is on).")
  String host;

  /** The address as given (checked), or null for the default. */
  public String value() {
    return host == null ? null : HostOption.check("--rtmp-host", host);
  }
}
