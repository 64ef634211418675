package org.ownerless.app.viewer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A hostile origin for viewer tests: it mirrors a real node and rewrites what it serves through
 * {@link #rewrite}. The rewrite sees the path and the node's bytes and returns what to serve
 * (or null for a 404). CORS is open, as on a real origin, so pages from the node can read it.
 */
final class TamperingOrigin implements AutoCloseable {
  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final String upstream;
  volatile BiFunction<String, byte[], byte[]> rewrite = (path, bytes) -> bytes;
  final AtomicInteger requests = new AtomicInteger();

  TamperingOrigin(String upstream) throws IOException {
    this.upstream = upstream.endsWith("/") ? upstream.substring(0, upstream.length() - 1) : upstream;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** The node's bytes for a path below the origin root, e.g. "streams/PUB/NAME/src/roots/3.json". */
  byte[] fetchUpstream(String path) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(upstream + "/" + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    return r.statusCode() == 200 ? r.body() : null;
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    try (ex) {
      ex.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
      String path = ex.getRequestURI().getPath().substring(1);
      byte[] body;
      try {
        byte[] original = fetchUpstream(path);
        body = original == null ? null : rewrite.apply(path, original);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        body = null;
      }
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      ex.getResponseHeaders().set("Cache-Control", "no-cache");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Flips one byte in the middle of a copy of {@code bytes}. */
  static byte[] flipped(byte[] bytes) {
    byte[] copy = bytes.clone();
    copy[copy.length / 2] ^= 0x01;
    return copy;
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
