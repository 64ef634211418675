package org.ownerless.app.relay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/** An upstream that mirrors a real node but rewrites what it serves (path, node's bytes → served bytes). */
final class HostileProxy implements AutoCloseable {
  private final HttpServer server;
  private final String node;
  private final BiFunction<String, byte[], byte[]> rewrite;

  HostileProxy(String nodeUrl, BiFunction<String, byte[], byte[]> rewrite) throws IOException {
    this.node = nodeUrl.endsWith("/") ? nodeUrl : nodeUrl + "/";
    this.rewrite = rewrite;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath().substring(1);
      byte[] body;
      try {
        var r = Http.get(node + path);
        body = r.statusCode() == 200 ? rewrite.apply(path, r.body()) : null;
      } catch (Exception e) {
        body = null;
      }
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }
}
