package org.ownerless.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A peer that stops reading is dropped once its queued bytes pass the cap, instead of growing the heap. */
class SlowReaderTest {
  @Test
  void aReaderThatStopsReadingIsDropped() throws Exception {
    try (TrackerServer server = new TrackerServer(new InetSocketAddress("127.0.0.1", 0),
        // The offer rate limit lifted: this flooder must reach the slow reader, not be cut off first.
        TrackerConfig.builder().maxOutboundBytes(64 * 1024).offersPerSecond(1_000_000).offerBurst(1_000_000).build())) {
      int port = server.start();
      Socket slow = new Socket();
      slow.setReceiveBufferSize(4096);
      slow.connect(new InetSocketAddress("127.0.0.1", port));
      OutputStream out = slow.getOutputStream();
      out.write(("GET /announce HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = slow.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        head.append((char) in.read());
      }
      assertThat(head).startsWith("HTTP/1.1 101");
      out.write(maskedText(TrackerProtocolTest.announce(TrackerProtocolTest.B, "")));
      TrackerProtocolTest.await(() -> server.peerCount() == 1);
      // From here on the slow peer never reads again.

      WebSocket flooder = HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(URI.create("ws://127.0.0.1:" + port + "/announce"), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
              w.request(1);
              return null;
            }
          }).get(5, TimeUnit.SECONDS);
      String sdp = "x".repeat(5000);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      flooder.sendText(TrackerProtocolTest.announce(TrackerProtocolTest.A, ""), true).get(5, TimeUnit.SECONDS);
      TrackerProtocolTest.await(() -> server.peerCount() == 2);
      for (int i = 0; server.peerCount() == 2; i++) {
        assertThat(System.nanoTime()).as("slow reader still connected").isLessThan(deadline);
        StringBuilder offers = new StringBuilder();
        for (int k = 0; k < 10; k++) {
          offers.append(k == 0 ? "" : ",").append("{\"offer\":{\"type\":\"offer\",\"sdp\":\"").append(sdp)
              .append("\"},\"offer_id\":\"").append(String.format("%020d", i * 10L + k)).append("\"}");
        }
        flooder.sendText(TrackerProtocolTest.announce(TrackerProtocolTest.A, ",\"offers\":[" + offers + "]"), true)
            .get(5, TimeUnit.SECONDS);
      }
      TrackerProtocolTest.await(() -> server.connections() == 1 && server.peerCount() == 1);
      flooder.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
      slow.close();
      TrackerProtocolTest.await(() -> server.connections() == 0 && server.peerCount() == 0
          && server.swarmCount() == 0);
    }
  }

  /** A client text frame with an all-zero mask (legal, and the payload stays readable). */
  private static byte[] maskedText(String s) {
    byte[] p = s.getBytes(StandardCharsets.UTF_8);
    int headLen = p.length < 126 ? 2 : 4;
    byte[] f = new byte[headLen + 4 + p.length];
    f[0] = (byte) 0x81;
    if (p.length < 126) {
      f[1] = (byte) (0x80 | p.length);
    } else {
      f[1] = (byte) (0x80 | 126);
      f[2] = (byte) (p.length >> 8);
      f[3] = (byte) p.length;
    }
    System.arraycopy(p, 0, f, headLen + 4, p.length);
    return f;
  }
}
