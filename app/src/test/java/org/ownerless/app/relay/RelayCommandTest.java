package org.ownerless.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.Main;
import org.ownerless.protocol.crypto.Signer;

/** Mistakes on the relay command line: one clear line, exit 2, no stack trace. */
class RelayCommandTest {
  @TempDir Path tmp;
  private final String stream = Signer.generate().publicKey().toBase64Url() + "/show";

  record Run(int code, String out) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(out));
    return new Run(code, out.toString());
  }

  @Test
  void helpDescribesTheCommand() {
    Run r = run("relay", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("--upstream=URL", "--stream=PUB/NAME", "--retention=N", "--http-port=PORT");
  }

  @Test
  void missingOrMalformedArgumentsAreUsageErrors() {
    assertUsage(run("relay", "--stream", stream), "--upstream");
    assertUsage(run("relay", "--upstream", "http://127.0.0.1:1/"), "--stream");
    assertUsage(run("relay", "--upstream", "http://127.0.0.1:1/", "--stream", "not-a-key/show"), "--stream must be PUB/NAME");
    assertUsage(run("relay", "--upstream", "ftp://example.org/", "--stream", stream), "not an http:// or https:// URL");
    assertUsage(run("relay", "--upstream", "http://127.0.0.1:1/streams/" + Signer.generate().publicKey().toBase64Url()
        + "/other/", "--stream", stream), "is stream");
    assertUsage(run("relay", "--upstream", "http://127.0.0.1:1/", "--stream", stream, "--retention", "-1"), "--retention");
    assertUsage(run("relay", "--upstream", "http://127.0.0.1:1/", "--stream", stream, "--http-port", "70000"), "out of range");
    assertUsage(run("relay", "--upstream", "http://127.0.0.1:1/", "--stream", stream, "--tls-cert", "a.pem"), "go together");
  }

  @Test
  void aBusyPortIsReportedInOneLine() throws Exception {
    HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    upstream.start();
    try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      Run r = run("relay", "--upstream", "http://127.0.0.1:" + upstream.getAddress().getPort() + "/", "--stream", stream,
          "--host", "127.0.0.1", "--http-port", String.valueOf(busy.getLocalPort()), "--data", tmp.toString());
      assertUsage(r, "HTTP port " + busy.getLocalPort() + " is already in use");
    } finally {
      upstream.stop(0);
    }
  }

  private static void assertUsage(Run r, String message) {
    assertThat(r.code()).as(r.out()).isEqualTo(2);
    assertThat(r.out()).contains(message).doesNotContain("\tat ").doesNotContain("Exception");
  }
}
