package org.ownerless.ingest.it;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A throwaway self-signed certificate for CN=localhost, made by the system's openssl in a temp dir. */
record TestCertificate(Path cert, Path key) {

  static TestCertificate create(Path dir) throws IOException, InterruptedException {
    Path key = dir.resolve("rtmps-key.pem");
    Path cert = dir.resolve("rtmps-cert.pem");
    // genpkey writes PKCS#8 ("BEGIN PRIVATE KEY"), the form Netty's JDK provider reads.
    run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
    run("openssl", "req", "-x509", "-key", key.toString(), "-out", cert.toString(), "-days", "1",
        "-subj", "/CN=localhost");
    return new TestCertificate(cert, key);
  }

  SslContext serverContext() throws IOException {
    return SslContextBuilder.forServer(cert.toFile(), key.toFile()).build();
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
    }
  }
}
