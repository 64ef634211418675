package org.ownerless.app.options;

import java.nio.file.Path;
import org.ownerless.app.UserError;
import picocli.CommandLine.Option;

/**
 * `--rtmps-port`, `--rtmps-cert`, `--rtmps-key`: RTMP over TLS, the way to publish across the internet
 * (plain RTMP shows the stream key, token included, to anyone on the path). Without a certificate of
 * its own the listener uses the node's `--tls-cert`/`--tls-key`; with neither there is no RTMPS.
 */
public final class RtmpsOptions {
  /** Next to RTMP's 1935; what nginx-rtmp/stunnel setups commonly use for RTMPS on one host. */
  public static final int DEFAULT_PORT = 1936;

  @Option(names = "--rtmps-port", paramLabel = "PORT",
      description = "RTMPS port (default: " + DEFAULT_PORT + " when a certificate is configured).")
  Integer port;

  @Option(names = "--rtmps-cert", paramLabel = "PEM",
      description = "Certificate chain for RTMPS (default: --tls-cert).")
  Path cert;

  @Option(names = "--rtmps-key", paramLabel = "PEM",
      description = "Private key of --rtmps-cert, PKCS#8 PEM (default: --tls-key).")
  Path key;

  /** The port as given, or null for the default. */
  public Integer port() {
    return port == null ? null : Ports.check("--rtmps-port", port);
  }

  public Path cert() {
    checkPaired(cert, key);
    return cert;
  }

  public Path key() {
    checkPaired(cert, key);
    return key;
  }

  /** Half a certificate would silently fall back to --tls-cert's; refused instead. */
  public static void checkPaired(Path cert, Path key) {
    if ((cert == null) != (key == null)) {
      throw new UserError("--rtmps-cert and --rtmps-key go together");
    }
  }
}
