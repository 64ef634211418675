package org.ownerless.app.options;

import picocli.CommandLine.Option;

/** `--http-port`: where a node, relay or demo serves HTTP. Each command passes its own default. */
public final class HttpPortOption {
  @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP port (default: ${DEFAULT-VALUE}).")
  int port;

  public HttpPortOption(int defaultPort) {
    this.port = defaultPort;
  }

  public int value() {
    return Ports.check("--http-port", port);
  }
}
