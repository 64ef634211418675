package org.ownerless.app.verify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An untrusted origin for tests: serves a data directory as is, except for paths a test overrides —
 * which is how a malicious origin, relay or bucket would behave.
 */
final class StaticOrigin implements AutoCloseable {
  private final HttpServer server;
  private final Path root;
  private final Map<String, Function<byte[], byte[]>> overrides = new ConcurrentHashMap<>();

  StaticOrigin(Path root) throws IOException {
    this.root = root;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::serve);
    server.start();
  }

  String streamUrl(String pub, String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/streams/" + pub + "/" + name + "/";
  }

  /** Serves {@code change(original)} instead of the file at {@code urlPath}; null bytes means 404. */
  void override(String urlPath, Function<byte[], byte[]> change) {
    overrides.put(urlPath, change);
  }

  private void serve(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    Path file = root.resolve(path.substring(1)).normalize();
    byte[] body = file.startsWith(root) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    Function<byte[], byte[]> change = overrides.get(path);
    if (change != null) {
      body = change.apply(body);
    }
    if (body == null) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
