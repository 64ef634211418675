package org.ownerless.origin.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.origin.follow.StreamUrl;
import org.ownerless.origin.testing.SignedStreamFiles;
import org.ownerless.origin.testing.TestUpstream;
import org.ownerless.protocol.verify.Problem;

/**
 * A server `verify` reads cannot send it to another address (a service behind the verifier's
 * firewall, say): a redirect to another server is a failure naming it, and the target never sees a
 * request, even when it would have served the genuine stream.
 */
class StreamVerifierRedirectTest {
  @TempDir Path tmp;

  @Test
  void aRedirectToAnotherServerIsUnavailableAndNeverFollowed() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp, List.of("src"));
    creator.addSegment("src");
    HttpServer redirecting = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    try (TestUpstream target = new TestUpstream(creator.streamsDir)) {
      redirecting.createContext("/", ex -> {
        ex.getResponseHeaders().set("Location", target.url().replaceAll("/$", "") + ex.getRequestURI().getPath());
        ex.sendResponseHeaders(302, -1);
        ex.close();
      });
      redirecting.start();
      String url = "http://127.0.0.1:" + redirecting.getAddress().getPort() + "/";
      PassResult pass = new StreamVerifier(StreamUrl.forStream(url, creator.stream), null, Duration.ofSeconds(5)).pass();

      assertThat(pass.failures()).singleElement().satisfies(f -> {
        assertThat(f.problem()).isEqualTo(Problem.UNAVAILABLE);
        assertThat(f.message()).contains("HTTP 302 to another server (" + target.url().replaceAll("/$", ""))
            .contains("not followed");
      });
      assertThat(target.requests).isEmpty();
    } finally {
      redirecting.stop(0);
    }
  }
}
