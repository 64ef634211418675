package org.ownerless.origin.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A throwaway P-256 certificate for CN=localhost made by the system's openssl. */
record SelfSignedCert(Path cert, Path key) {

  static SelfSignedCert create(Path dir) throws IOException, InterruptedException {
    Path rawKey = dir.resolve("k.pem");
    Path cert = dir.resolve("c.pem");
    Path key = dir.resolve("k8.pem");
    run(dir, "/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-nodes", "-keyout", rawKey.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=localhost");
    // Netty's JDK provider reads PKCS#8 ("BEGIN PRIVATE KEY"); older openssl writes SEC1 EC keys.
    run(dir, "/usr/bin/openssl", "pkcs8", "-topk8", "-nocrypt", "-in", rawKey.toString(), "-out", key.toString());
    return new SelfSignedCert(cert, key);
  }

  private static void run(Path dir, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
    }
  }
}
