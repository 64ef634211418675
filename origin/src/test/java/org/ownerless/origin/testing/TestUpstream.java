package org.ownerless.origin.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import org.ownerless.protocol.crypto.Digest;

/**
 * A plain HTTP upstream over a directory (like a bucket), counting requests per path, with strong
 * ETags and If-None-Match as any web server has them, and hooks to slow segments down, to answer
 * with another status, and to rewrite what it serves (a hostile upstream).
 */
public final class TestUpstream implements AutoCloseable {
  private final HttpServer server;
  private final Path root;
  public final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  public volatile long segmentDelayMs;
  public volatile BiFunction<String, byte[], byte[]> rewrite = (path, bytes) -> bytes;
  /** If positive, every body is sent at this many bytes a second after its headers (a trickling server). */
  public volatile int trickleBytesPerSecond;
  /** How long to wait before answering a path (0: at once). */
  public volatile ToLongFunction<String> delayMs = path -> 0;
  /** Requests being answered now, and the most there ever were at once. */
  public final AtomicInteger inFlight = new AtomicInteger();
  public final AtomicInteger maxInFlight = new AtomicInteger();
  /** A status to answer a path with instead of serving it (0: serve it). */
  public volatile ToIntFunction<String> status = path -> 0;

  public TestUpstream(Path root) throws IOException {
    this(root, 0);
  }

  /** An upstream on {@code port} of loopback (0: any free port), e.g. one a relay was told about before it ran. */
  public TestUpstream(Path root, int port) throws IOException {
    this.root = root;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL, as an origin hint: the stream is below {@code streams/PUB/NAME/}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  public int requestsFor(String pathSuffix) {
    return requests.entrySet().stream().filter(e -> e.getKey().endsWith(pathSuffix))
        .mapToInt(e -> e.getValue().get()).sum();
  }

  private void handle(HttpExchange ex) throws IOException {
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      answer(ex);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void answer(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      requests.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
      if (path.endsWith(".ts") && segmentDelayMs > 0) {
        try {
          Thread.sleep(segmentDelayMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      long delay = delayMs.applyAsLong(path);
      if (delay > 0) {
        try {
          Thread.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      int forced = status.applyAsInt(path);
      if (forced != 0) {
        ex.sendResponseHeaders(forced, -1);
        return;
      }
      Path file = path.startsWith("/streams/") ? root.resolve(path.substring("/streams/".length())) : null;
      byte[] body = file != null && Files.isRegularFile(file) ? rewrite.apply(path, Files.readAllBytes(file)) : null;
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      String etag = "\"" + Digest.sha256(body).toString().substring(0, 16) + "\"";
      ex.getResponseHeaders().set("ETag", etag);
      if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
        ex.sendResponseHeaders(304, -1);
        return;
      }
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        int rate = trickleBytesPerSecond;
        if (rate <= 0) {
          out.write(body);
          return;
        }
        for (byte b : body) {
          out.write(b);
          out.flush();
          Thread.sleep(1000 / rate);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException clientGone) {
        // the client gave up on a trickling body, as it should
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }
}
