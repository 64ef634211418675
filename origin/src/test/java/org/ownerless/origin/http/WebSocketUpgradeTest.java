package org.ownerless.origin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebSocketUpgradeTest {
  @TempDir Path data;
  RunningOrigin origin;

  /** Echoes text frames: the smallest protocol a later module could install. */
  private static final class Echo extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
      ctx.writeAndFlush(new TextWebSocketFrame("echo:" + frame.text()));
    }
  }

  @BeforeEach
  void start() throws Exception {
    StreamTree tree = StreamTree.in(data);
    origin = RunningOrigin.start(b -> b.staticRoot("/streams/", tree.streams)
        .upgradeRoute("/announce", p -> p.addLast(new WebSocketServerProtocolHandler("/announce"), new Echo())));
  }

  @AfterEach
  void stop() {
    origin.close();
  }

  private URI ws(String path) {
    return URI.create("ws://127.0.0.1:" + origin.port + path);
  }

  @Test
  void aWebSocketHandshakeOnTheClaimedPathReachesTheInstalledHandlers() throws Exception {
    LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(ws("/announce"), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            received.add(data.toString());
            webSocket.request(1);
            return null;
          }
        }).get(5, TimeUnit.SECONDS);

    socket.sendText("hello", true).get(5, TimeUnit.SECONDS);
    assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo:hello");
    socket.sendText("again", true).get(5, TimeUnit.SECONDS);
    assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo:again");
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
  }

  @Test
  void anUpgradedConnectionIsNotCutByTheHttpHeaderDeadline() throws Exception {
    origin.close();
    origin = RunningOrigin.start(b -> b
        .limits(OriginLimits.defaults().withHeaderTimeout(java.time.Duration.ofMillis(300))
            .withIdleTimeout(java.time.Duration.ofMillis(300)))
        .upgradeRoute("/announce", p -> p.addLast(new WebSocketServerProtocolHandler("/announce"), new Echo())));
    LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(ws("/announce"), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            received.add(data.toString());
            webSocket.request(1);
            return null;
          }
        }).get(5, TimeUnit.SECONDS);
    // Longer than both HTTP timers; the installer owns the connection's timing now.
    CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(800, TimeUnit.MILLISECONDS)).get();
    socket.sendText("still here", true).get(5, TimeUnit.SECONDS);
    assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo:still here");
  }

  @Test
  void aPlainGetOnTheClaimedPathIsToldToUpgrade() throws Exception {
    assertThat(Http.get(origin.uri("/announce")).statusCode()).isEqualTo(426);
  }

  @Test
  void aHandshakeOnAnotherPathIsNotUpgraded() {
    assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
            .buildAsync(ws("/announce/other"), new WebSocket.Listener() {}).get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
  }

  @Test
  void ordinaryRequestsStillWorkBesideTheUpgradeRoute() throws Exception {
    assertThat(Http.get(origin.uri(StreamTree.STREAM + "master.m3u8")).statusCode()).isEqualTo(200);
  }
}
