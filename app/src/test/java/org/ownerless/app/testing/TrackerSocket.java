package org.ownerless.app.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A raw WebSocket to a tracker for tests: sends a JSON message, returns the next text the tracker sends. */
public final class TrackerSocket implements AutoCloseable {
  private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final WebSocket ws;

  public TrackerSocket(String url) throws Exception {
    ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
        received.add(data.toString());
        w.request(1);
        return null;
      }
    }).get(10, TimeUnit.SECONDS);
  }

  /** An announce as the npm client sends one on start (no offers). */
  public static String announce(String infoHash, String peerId) {
    return "{\"action\":\"announce\",\"info_hash\":\"" + infoHash + "\",\"peer_id\":\"" + peerId
        + "\",\"numwant\":10,\"uploaded\":0,\"downloaded\":0,\"left\":1,\"event\":\"started\"}";
  }

  public String send(String json) throws Exception {
    ws.sendText(json, true).get(10, TimeUnit.SECONDS);
    String reply = received.poll(10, TimeUnit.SECONDS);
    if (reply == null) {
      throw new AssertionError("no reply from the tracker to " + json);
    }
    return reply;
  }

  @Override
  public void close() {
    ws.abort();
  }
}
