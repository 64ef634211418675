package org.ownerless.origin.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ownerless.protocol.verify.Problem;

class BoundedHttpTest {
  private HttpServer server;
  private final AtomicLong chunkedBytesSent = new AtomicLong();
  private final AtomicLong failingBytesSent = new AtomicLong();
  private final BoundedHttp http = new BoundedHttp(Duration.ofSeconds(5));

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "bounded-http-test-server");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/declared-large", ex -> {
      ex.sendResponseHeaders(200, 10_000);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(new byte[10_000]);
      }
    });
    server.createContext("/chunked-large", ex -> {
      ex.sendResponseHeaders(200, 0); // chunked: the length is unknown until the end
      try (OutputStream out = ex.getResponseBody()) {
        for (int i = 0; i < 1000; i++) {
          out.write(new byte[1000]);
          chunkedBytesSent.addAndGet(1000);
        }
      } catch (IOException clientGone) {
        // the client stopped reading, as it should
      }
    });
    server.createContext("/trickle", ex -> {
      ex.sendResponseHeaders(200, 1000); // declared honestly, delivered a byte at a time
      try (OutputStream out = ex.getResponseBody()) {
        for (int i = 0; i < 1000; i++) {
          out.write('x');
          out.flush();
          Thread.sleep(100);
        }
      } catch (IOException | InterruptedException clientGone) {
        // the client gave up, as it should
      }
    });
    server.createContext("/failing-endless", ex -> {
      ex.sendResponseHeaders(503, 0);
      try (OutputStream out = ex.getResponseBody()) {
        for (int i = 0; i < 100_000; i++) {
          out.write(new byte[1000]);
          failingBytesSent.addAndGet(1000);
        }
      } catch (IOException clientGone) {
        // the client did not read the body of a failure, as it should not
      }
    });
    server.createContext("/moved", ex -> {
      ex.getResponseHeaders().set("Location", "/tagged");
      ex.sendResponseHeaders(301, -1);
      ex.close();
    });
    server.createContext("/elsewhere", ex -> {
      // Another address: what a hostile upstream would send a relay to (an internal service, say).
      ex.getResponseHeaders().set("Location", "http://localhost:" + server.getAddress().getPort() + "/tagged");
      ex.sendResponseHeaders(302, -1);
      ex.close();
    });
    server.createContext("/loop", ex -> {
      ex.getResponseHeaders().set("Location", "/loop");
      ex.sendResponseHeaders(307, -1);
      ex.close();
    });
    server.createContext("/tagged", ex -> {
      ex.getResponseHeaders().set("ETag", "\"v1\"");
      if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
        ex.sendResponseHeaders(304, -1);
      } else {
        ex.sendResponseHeaders(200, 2);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(new byte[] {'h', 'i'});
        }
      }
      ex.close();
    });
    server.createContext("/missing", ex -> {
      ex.sendResponseHeaders(404, -1);
      ex.close();
    });
    server.createContext("/failing", ex -> {
      ex.sendResponseHeaders(503, -1);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void aBodyDeclaredLargerThanExpectedIsRefusedBeforeItIsRead() {
    assertThatThrownBy(() -> http.get(uri("/declared-large"), 100, null)).isInstanceOf(FetchFailure.class)
        .hasMessageContaining("body of 10000 bytes exceeds the expected 100")
        .satisfies(e -> assertThat(((FetchFailure) e).problem()).isEqualTo(Problem.UNAVAILABLE));
  }

  @Test
  void anUndeclaredBodyIsCutOffJustPastTheLimit() {
    assertThatThrownBy(() -> http.get(uri("/chunked-large"), 5_000, null)).isInstanceOf(FetchFailure.class)
        .hasMessageContaining("body exceeds the expected 5000 bytes");
  }

  @Test
  void aConditionalGetIsAnsweredNotModifiedForTheSameTag() throws Exception {
    BoundedHttp.Answer first = http.get(uri("/tagged"), 100, null);
    assertThat(first.body()).containsExactly('h', 'i');
    assertThat(first.etag()).isEqualTo("\"v1\"");
    BoundedHttp.Answer again = http.get(uri("/tagged"), 100, first.etag());
    assertThat(again.notModified()).isTrue();
    assertThat(again.body()).isNull();
  }

  @Test
  void notFoundIsAnAnswerButOtherStatusesAreFailures() throws Exception {
    assertThat(http.get(uri("/missing"), 100, null).notFound()).isTrue();
    assertThatThrownBy(() -> http.require(uri("/missing"), 100)).hasMessageEndingWith("/missing: HTTP 404");
    assertThatThrownBy(() -> http.get(uri("/failing"), 100, null)).hasMessageEndingWith("/failing: HTTP 503");
  }

  @Test
  void aBodyThatTricklesIsCutOffAtTheDeadlineNotWhenItEnds() {
    BoundedHttp quick = new BoundedHttp(Duration.ofMillis(800));
    long start = System.nanoTime();
    assertThatThrownBy(() -> quick.get(uri("/trickle"), 5_000, null)).isInstanceOf(FetchFailure.class)
        .hasMessageContaining("no complete answer within 800 ms");
    // The body would take 100 s; the deadline is the request's, body included (generous for a busy machine).
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void theBodyOfAFailureIsNotRead() {
    assertThatThrownBy(() -> http.get(uri("/failing-endless"), 5_000, null))
        .hasMessageEndingWith("/failing-endless: HTTP 503");
    // A client draining the failure would take the whole 100 MB; ours drops the connection at once
    // (what is sent meanwhile is what fits in the socket buffers).
    assertThat(failingBytesSent.get()).isLessThan(20_000_000);
  }

  @Test
  void aRedirectOnTheSameServerIsFollowedButNotOneToAnotherAddressNorForever() throws Exception {
    assertThat(http.get(uri("/moved"), 100, null).body()).containsExactly('h', 'i');
    assertThatThrownBy(() -> http.get(uri("/elsewhere"), 100, null)).isInstanceOf(FetchFailure.class)
        .hasMessageContaining("HTTP 302 to another server (http://localhost:").hasMessageContaining("not followed");
    assertThatThrownBy(() -> http.get(uri("/loop"), 100, null)).hasMessageEndingWith("/loop: more than 3 redirects");
  }
}
