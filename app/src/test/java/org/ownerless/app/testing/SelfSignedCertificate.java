package org.ownerless.app.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A throwaway self-signed certificate for CN=localhost (PEM chain, PKCS#8 PEM key), made by openssl. */
public record SelfSignedCertificate(Path cert, Path key) {

  public static SelfSignedCertificate create(Path dir) throws IOException, InterruptedException {
    Path key = dir.resolve("tls-key.pem");
    Path cert = dir.resolve("tls-cert.pem");
    // genpkey writes PKCS#8, the key form the node reads.
    run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
    run("openssl", "req", "-x509", "-key", key.toString(), "-out", cert.toString(), "-days", "1",
        "-subj", "/CN=localhost");
    return new SelfSignedCertificate(cert, key);
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
    }
  }
}
