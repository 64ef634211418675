package org.ownerless.app.node;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ownerless.app.UserError;

/** The RTMPS listener's TLS context, from PEM files; a file that is not a usable certificate is one clear line. */
final class RtmpsCertificate {
  private RtmpsCertificate() {}

  static SslContext load(Path certPem, Path keyPem) {
    for (Path p : new Path[] {certPem, keyPem}) {
      if (!Files.isReadable(p)) {
        throw new UserError("RTMPS: cannot read " + p + " (--rtmps-cert/--rtmps-key, or --tls-cert/--tls-key)");
      }
    }
    try {
      // The JDK's TLS 1.2/1.3, as the HTTPS origin uses: no native dependency.
      return SslContextBuilder.forServer(certPem.toFile(), keyPem.toFile()).sslProvider(SslProvider.JDK).build();
    } catch (Exception e) {
      throw new UserError("RTMPS: cannot use certificate " + certPem + " with key " + keyPem
          + " (PEM chain and PKCS#8 PEM key expected): " + e.getMessage());
    }
  }
}
