package org.ownerless.app.options;

import picocli.CommandLine.Option;

/** `--public-url`: a server's URL as viewers reach it, when that is not http://HOST:PORT/ (proxy, NAT, DNS). */
public final class PublicUrlOption {
  @Option(names = "--public-url", paramLabel = "URL",
      description = "This server's URL as viewers reach it (default: http://HOST:PORT/).")
  String url;

  /** The URL given, or null to derive it from host and port. */
  public String value() {
    return url;
  }
}
