package org.ownerless.app.options;

import picocli.CommandLine.Option;

/** `--host`: the address a server listens on. Each command passes its own default. */
public final class HostOption {
  @Option(names = "--host", paramLabel = "ADDR", description = "address to listen on (default: ${DEFAULT-VALUE})")
  String host;

  public HostOption(String defaultHost) {
    this.host = defaultHost;
  }

  public String value() {
    return host;
  }
}
