package org.ownerless.app.testing;

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
 * Any static web host: serves the files of one directory and nothing else, with no knowledge of
 * ownerless, except for URL paths a test overrides — which is how a malicious origin, relay or bucket
 * would behave.
 */
public final class StaticHost implements AutoCloseable {
  private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
      "js", "text/javascript", "css", "text/css", "map", "application/json", "txt", "text/plain");
  private final HttpServer server;
  private final Path dir;
  private final Map<String, Function<byte[], byte[]>> overrides = new ConcurrentHashMap<>();

  public StaticHost(Path dir) throws IOException {
    this.dir = dir.toAbsolutePath().normalize();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 32);
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /**
   * Serves {@code change(original)} instead of the file at {@code urlPath} (e.g. "/streams/…"); the
   * original is null where there is no file; a null result is a 404.
   */
  public void override(String urlPath, Function<byte[], byte[]> change) {
    overrides.put(urlPath, change);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      Path file = dir.resolve(path.substring(1)).normalize();
      byte[] body = file.startsWith(dir) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
      Function<byte[], byte[]> change = overrides.get(path);
      if (change != null) {
        body = change.apply(body);
      }
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      String name = file.getFileName() == null ? "" : file.getFileName().toString();
      String ext = name.substring(name.lastIndexOf('.') + 1);
      ex.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
