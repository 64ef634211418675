package org.ownerless.app.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A hostile origin (or upstream): it mirrors a real node and rewrites what it serves. The rewrite
 * sees the path below the origin root and the node's bytes and returns what to serve; null, a node
 * that does not answer 200, or a rewrite that throws all give a 404. CORS is open, as on a real
 * origin, so pages from the node can read it.
 */
public final class TamperingOrigin implements AutoCloseable {
  private final HttpServer server;
  private final String upstream;
  private volatile BiFunction<String, byte[], byte[]> rewrite;
  private final AtomicInteger requests = new AtomicInteger();
  private final List<String> paths = new CopyOnWriteArrayList<>();

  /** An honest mirror of {@code upstream} until {@link #rewrite} is set. */
  public TamperingOrigin(String upstream) throws IOException {
    this(upstream, (path, bytes) -> bytes);
  }

  public TamperingOrigin(String upstream, BiFunction<String, byte[], byte[]> rewrite) throws IOException {
    this.upstream = upstream.endsWith("/") ? upstream.substring(0, upstream.length() - 1) : upstream;
    this.rewrite = rewrite;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** From now on, serves {@code rewrite.apply(path, nodeBytes)}. */
  public void rewrite(BiFunction<String, byte[], byte[]> rewrite) {
    this.rewrite = rewrite;
  }

  /** Requests received so far. */
  public int requests() {
    return requests.get();
  }

  /** The paths asked for so far (below the origin root, without query), in arrival order. */
  public List<String> paths() {
    return List.copyOf(paths);
  }

  /** The node's bytes for a path below the origin root, e.g. "streams/PUB/NAME/src/roots/3.json"; null unless 200. */
  public byte[] fetchUpstream(String path) throws Exception {
    HttpResponse<byte[]> r = Http.get(upstream + "/" + path);
    return r.statusCode() == 200 ? r.body() : null;
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    try (ex) {
      ex.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
      String path = ex.getRequestURI().getPath().substring(1);
      paths.add(path);
      byte[] body;
      try {
        byte[] original = fetchUpstream(path);
        body = original == null ? null : rewrite.apply(path, original);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        body = null;
      } catch (Exception e) {
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
  public static byte[] flipped(byte[] bytes) {
    byte[] copy = bytes.clone();
    copy[copy.length / 2] ^= 0x01;
    return copy;
  }

  @Override
  public void close() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }
}
