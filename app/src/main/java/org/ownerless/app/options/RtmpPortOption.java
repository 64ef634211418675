package org.ownerless.app.options;

import picocli.CommandLine.Option;

/** `--rtmp-port`: where a node or demo takes the broadcaster's RTMP. */
public final class RtmpPortOption {
  @Option(names = "--rtmp-port", paramLabel = "PORT", description = "RTMP port (default: ${DEFAULT-VALUE}).")
  int port;

  public RtmpPortOption(int defaultPort) {
    this.port = defaultPort;
  }

  public int value() {
    return Ports.check("--rtmp-port", port);
  }
}
