package org.ownerless.app.options;

import java.nio.file.Path;
import org.ownerless.app.UserError;
import picocli.CommandLine.Option;

/** `--tls-cert` and `--tls-key`: serve HTTPS (and wss://) directly instead of behind a proxy. */
public final class TlsOptions {
  @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve HTTPS with this certificate chain.")
  Path cert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key of --tls-cert (PKCS#8 PEM).")
  Path key;

  /** The certificate chain, or null for plain HTTP; checked to come with its key. */
  public Path cert() {
    checkPaired(cert, key);
    return cert;
  }

  public Path key() {
    checkPaired(cert, key);
    return key;
  }

  /** One without the other is a half-made TLS setup: refused rather than silently serving plain HTTP. */
  public static void checkPaired(Path cert, Path key) {
    if ((cert == null) != (key == null)) {
      throw new UserError("--tls-cert and --tls-key go together");
    }
  }
}
