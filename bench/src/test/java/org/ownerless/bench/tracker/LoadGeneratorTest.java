package org.ownerless.bench.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadGeneratorTest {
  private EventLoopGroup group;
  private Channel server;
  private int port;

  /** A stand-in tracker: replies to every announce carrying offers (not to answers), forwards nothing. */
  @BeforeEach
  void startEchoTracker() throws Exception {
    ReplyingHandler.announces.set(0);
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                new WebSocketServerProtocolHandler("/announce", null, false, 1 << 20),
                new ReplyingHandler());
          }
        }).bind("127.0.0.1", 0).sync().channel();
    port = ((InetSocketAddress) server.localAddress()).getPort();
  }

  @AfterEach
  void stop() throws Exception {
    server.close().sync();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
  }

  @Test
  void measuresRepliesWithoutErrors() throws Exception {
    LoadConfig config = new LoadConfig(URI.create("ws://127.0.0.1:" + port + "/announce"), 50, 5,
        Duration.ofSeconds(2), 10, ProcessHandle.current().pid(), 1000, false, false, 1, null, Duration.ZERO);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    LoadResult result = new LoadGenerator(config, new PrintStream(text, true, StandardCharsets.UTF_8)).run();

    String report = text.toString(StandardCharsets.UTF_8);
    assertThat(result.rps()).as(report).isGreaterThan(0);
    assertThat(result.errors()).as(report).isZero();
    assertThat(result.peakConnected()).as(report).isEqualTo(50);
    assertThat(result.p50Ms()).as(report).isGreaterThan(0);
    assertThat(result.rssKb()).as(report).isPositive();
    assertThat(report).containsPattern("(?m)^RESULT rps=\\d+ p50_ms=[\\d.]+ p99_ms=[\\d.]+ errors=0 rss_kb=\\d+");
  }

  @Test
  void withAStartFileNobodyAnnouncesBeforeItAppearsAndTheWindowThenRunsItsFullDuration(@TempDir Path dir)
      throws Exception {
    Path go = dir.resolve("go");
    LoadConfig config = new LoadConfig(URI.create("ws://127.0.0.1:" + port + "/announce"), 20, 5,
        Duration.ofSeconds(1), 10, -1, 1000, false, false, 1, go, Duration.ofMillis(300));
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
    java.util.concurrent.CompletableFuture<LoadResult> run = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return new LoadGenerator(config, out).run();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!text.toString(StandardCharsets.UTF_8).contains("READY connected=20") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(text.toString(StandardCharsets.UTF_8)).contains("READY connected=20");
    // (The probe asking whether answers are replied to has sent its own announces by now.)
    int atReady = ReplyingHandler.announces.get();
    Thread.sleep(500);
    int beforeStart = ReplyingHandler.announces.get();
    assertThat(beforeStart).as("announces while waiting for the start file").isEqualTo(atReady);
    long started = System.nanoTime();
    Files.createFile(go);
    LoadResult result = run.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat((System.nanoTime() - started) / 1e9).as("warm-up + window").isGreaterThanOrEqualTo(1.25);
    assertThat(ReplyingHandler.announces.get()).isGreaterThan(beforeStart + 20);
    assertThat(result.rps()).isPositive();
    assertThat(result.errors()).as(text.toString(StandardCharsets.UTF_8)).isZero();
  }

  @Test
  void refusesNonLoopbackTargets() {
    assertThatThrownBy(() -> LoadConfig.parse(new String[] {"--url", "ws://192.0.2.1:8000/announce"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-loopback");
    assertThatThrownBy(() -> LoadConfig.parse(new String[] {"--url", "wss://localhost/announce"}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(LoadConfig.parse(new String[] {"--url", "ws://localhost:1/announce", "--ramp", "0"}).ramp()).isZero();
  }

  @Test
  void idsAreTwentyLatin1CodePoints() {
    for (int i = 0; i < 1000; i++) {
      String id = Json.randomId();
      assertThat(id).hasSize(20);
      assertThat(id.chars()).allMatch(c -> c <= 0xFF && c >= 0x20 && c != '"' && c != '\\');
    }
  }

  @Test
  void histogramQuantilesAreClose() {
    LatencyHistogram h = new LatencyHistogram();
    for (long v = 1; v <= 100_000; v++) h.record(v);
    assertThat(h.quantile(0.5)).isBetween(49_000L, 51_000L);
    assertThat(h.quantile(0.99)).isBetween(97_500L, 100_000L);
  }

  private static final class ReplyingHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private static final JsonFactory JSON = new JsonFactory();
    static final java.util.concurrent.atomic.AtomicInteger announces = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) throws Exception {
      String infoHash = null;
      boolean answer = false;
      try (JsonParser p = JSON.createParser(frame.text())) {
        p.nextToken();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          if (field.equals("info_hash")) infoHash = p.getText();
          if (field.equals("answer")) answer = true;
          p.skipChildren();
        }
      }
      if (answer || infoHash == null) return;
      announces.incrementAndGet();
      StringBuilder json = new StringBuilder("{\"action\":\"announce\",\"interval\":120,\"info_hash\":\"");
      json.append(infoHash).append("\",\"complete\":0,\"incomplete\":1}");
      ctx.writeAndFlush(new TextWebSocketFrame(json.toString()));
    }
  }
}
