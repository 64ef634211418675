package org.ownerless.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JDK WebSocket client for tracker tests: sends JSON text, queues what it receives, notes the close. */
final class WsClient implements WebSocket.Listener {
  final LinkedBlockingQueue<String> in = new LinkedBlockingQueue<>();
  volatile boolean closed;
  volatile int closeCode = -1;
  final WebSocket ws;

  WsClient(int port) throws Exception {
    this(port, null);
  }

  /** With {@code origin} non-null, the upgrade request carries that Origin header, as a browser's does. */
  WsClient(int port, String origin) throws Exception {
    WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
    if (origin != null) {
      b.header("Origin", origin);
    }
    ws = b.buildAsync(URI.create("ws://127.0.0.1:" + port + "/announce"), this).get(5, TimeUnit.SECONDS);
  }

  @Override
  public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
    in.add(data.toString());
    w.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
    closeCode = code;
    closed = true;
    return null;
  }

  @Override
  public void onError(WebSocket w, Throwable error) {
    closed = true;
  }

  /** Sends without waiting for a reply (answers get none). */
  void post(String json) throws Exception {
    ws.sendText(json, true).get(5, TimeUnit.SECONDS);
  }

  String send(String json) throws Exception {
    ws.sendText(json, true).get(5, TimeUnit.SECONDS);
    return next();
  }

  String next() throws InterruptedException {
    String s = in.poll(5, TimeUnit.SECONDS);
    assertThat(s).as("a message").isNotNull();
    return s;
  }

  void close() throws Exception {
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
  }
}
