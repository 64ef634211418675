package org.ownerless.bench.tracker;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Load generator for WebTorrent WebSocket trackers (ours and npm bittorrent-tracker alike),
 * modelled on aquatic_ws_load_test: many peers, skewed swarms, offers with realistic SDP size,
 * every offer answered, re-announce after every reply. Counts every message the server sends
 * (replies, forwarded offers, relayed answers) as a response.
 *
 * <p>Usage: {@code java -cp ... org.ownerless.bench.tracker.LoadGenerator --url ws://127.0.0.1:P/announce
 * [--connections 1000] [--swarms 100] [--duration 30] [--offers 10] [--server-pid PID] [--ramp 5000]
 * [--idle] [--jvm-heap] [--threads 1] [--start-file PATH] [--warmup 0]}. Ends with one {@code RESULT ...} line for
 * scripts. With {@code --start-file}, several generator processes can share one load (each its
 * share of the peers) and one measured window; the script sums their counts.
 */
public final class LoadGenerator {
  private final LoadConfig config;
  private final PrintStream out;
  private final LoadStats stats = new LoadStats();
  private volatile boolean running = true;
  private static final long START_FILE_WAIT_NANOS = 120_000_000_000L;
  /** How long no message and no server CPU use count as the server having nothing in flight. */
  private static final long SETTLE_QUIET_NANOS = 1_000_000_000L;

  public LoadGenerator(LoadConfig config, PrintStream out) {
    this.config = config;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    LoadConfig config;
    try {
      config = LoadConfig.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    new LoadGenerator(config, System.out).run();
    System.exit(0);
  }

  /** Runs for the configured duration, prints the report, returns the figures. */
  public LoadResult run() throws InterruptedException {
    ServerProbe probe = new ServerProbe(config.serverPid());
    long rssBefore = probe.rssKb();
    long heapBefore = config.jvmHeap() ? probe.liveHeapKb() : -1;
    SwarmPicker swarms = new SwarmPicker(config.swarms(), 42); // same swarms every run: comparable
    StartGate gate = new StartGate();
    Boolean probed = AnswerReplyProbe.answersAreReplied(config.url());
    boolean answersReplied = Boolean.TRUE.equals(probed);
    out.println(probed == null
        ? "  (could not tell whether the server replies to answers; assuming it does not)"
        : "  server replies to answer messages: " + (answersReplied ? "yes" : "no"));
    // Epoll where Netty's native transport loads: fewer allocations and syscalls per read than NIO's
    // selector, and the generator must be the cheap side of the measurement.
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(config.threads(),
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    Bootstrap bootstrap = new Bootstrap().group(group).channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(16 * 1024),
                new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                    .webSocketUri(config.url()).maxFramePayloadLength(1 << 20)
                    .handshakeTimeoutMillis(10_000)
                    // The server under test is trusted to send UTF-8; validating every byte of
                    // every relayed SDP would cost the generator more than the parse does.
                    .withUTF8Validator(false).build()),
                new LoadConnection(config, stats, swarms, () -> running, answersReplied, gate));
          }
        });

    long start = System.nanoTime();
    // With a start file the duration is the window's alone: the run ends only after it (or after
    // waiting too long for peers or for the start), never while peers are still connecting.
    long end = start + (config.startFile() != null ? START_FILE_WAIT_NANOS : config.duration().toNanos());
    boolean toldReady = false;
    // A window opened by a start file lasts the whole duration, so the ramp gets its own limit.
    long rampLimit = config.startFile() != null ? START_FILE_WAIT_NANOS : config.duration().toNanos() / 2;
    long warmup = config.warmup().toNanos();
    long gateOpenedAt = 0, windowStart = 0, windowMessages = 0, windowAnswerReplies = 0, rssMax = -1, heapDuring = -1, peak = 0;
    long self = ProcessHandle.current().pid();
    double serverCpuStart = -1, selfCpuStart = -1;
    int opened = 0;
    boolean heapSampled = !config.jvmHeap();
    SettleWatch settle = new SettleWatch(SETTLE_QUIET_NANOS);
    while (System.nanoTime() < end) {
      long now = System.nanoTime();
      // Open connections at the ramp rate, in 10 ms slices.
      int due = config.ramp() == 0 ? config.connections()
          : (int) Math.min(config.connections(), (now - start) / 1_000_000_000.0 * config.ramp() + 1);
      for (; opened < due; opened++) {
        ChannelFuture f = bootstrap.connect(config.url().getHost(), config.port());
        channels.add(f.channel());
        f.addListener(done -> {
          if (!done.isSuccess() && running) stats.connectErrors.increment();
        });
      }
      peak = Math.max(peak, stats.live());
      rssMax = Math.max(rssMax, probe.rssKb());
      boolean settled = opened == config.connections()
          && stats.connected.sum() + stats.connectErrors.sum() >= config.connections();
      // A few connections stuck in SYN retries must not hold the load back for the whole run.
      boolean rampOver = settled || now - start > rampLimit;
      if (gateOpenedAt == 0 && rampOver && config.startFile() != null) {
        if (!toldReady) {
          out.println("READY connected=" + stats.connected.sum());
          out.flush();
          toldReady = true;
          end = now + START_FILE_WAIT_NANOS; // if the start never comes, give up instead of hanging
        }
        if (!Files.exists(config.startFile())) rampOver = false;
      }
      if (gateOpenedAt == 0 && rampOver) {
        gate.open(); // every peer announces from now on
        gateOpenedAt = System.nanoTime();
        if (config.startFile() != null) end = gateOpenedAt + warmup + config.duration().toNanos();
      }
      // The measured window starts once the warm-up (JIT, caches, first-announce storm) is over.
      if (windowStart == 0 && gateOpenedAt != 0 && System.nanoTime() - gateOpenedAt >= warmup) {
        windowStart = System.nanoTime();
        windowMessages = stats.messages.sum();
        windowAnswerReplies = stats.answerReplies.sum();
        stats.resetLatency();
        serverCpuStart = probe.cpuSeconds();
        selfCpuStart = ServerProbe.cpuSeconds(self);
      }
      // Live heap (GC.run pauses the server, so it is only done when asked for): loaded runs halfway
      // through the window; idle runs once every announce has been answered and the server has
      // settled, so the figure is what peers retain, not the backlog of their first announces.
      boolean answered = stats.replies.sum() + stats.failureReplies.sum() >= stats.connected.sum();
      if (!heapSampled && windowStart != 0
          && (config.idle() ? answered && settled(settle, probe) : now - windowStart > (end - windowStart) / 2)) {
        heapDuring = probe.liveHeapKb();
        heapSampled = true;
        if (config.idle()) {
          out.printf(Locale.ROOT, "  server settled %.1f s after the load started (idle, nothing queued)%n",
              (System.nanoTime() - windowStart) / 1e9);
        }
      }
      // Idle runs measure memory, not speed: once everyone is in and replied to, hold briefly
      // (offers and answers settle) and stop instead of idling out the whole duration.
      if (config.idle() && windowStart != 0 && heapSampled
          && System.nanoTime() - windowStart > 3_000_000_000L
          && stats.replies.sum() + stats.failureReplies.sum() >= stats.connected.sum()) {
        break;
      }
      Thread.sleep(10);
    }
    long stop = System.nanoTime();
    long messages = stats.messages.sum();
    long answerReplies = stats.answerReplies.sum();
    double serverCpu = probe.cpuSeconds() - serverCpuStart;
    double selfCpu = ServerProbe.cpuSeconds(self) - selfCpuStart;
    rssMax = Math.max(rssMax, probe.rssKb());
    peak = Math.max(peak, stats.live());
    running = false;
    channels.close().await(5, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);

    if (windowStart == 0) { // never settled: fall back to the whole run
      windowStart = start;
      windowMessages = 0;
      windowAnswerReplies = 0;
    }
    double seconds = (stop - windowStart) / 1e9;
    // Share of one core each process used in the window: 1.0 means it was the bottleneck.
    double serverCores = serverCpuStart < 0 || serverCpu < 0 ? -1 : serverCpu / seconds;
    double selfCores = selfCpuStart < 0 || selfCpu < 0 ? -1 : selfCpu / seconds;
    LatencyHistogram latency = stats.latency();
    double rps = (messages - windowMessages) / seconds;
    // bittorrent-tracker sends nothing back for an answer, ours an announce reply: without those
    // replies both servers are credited for the same work.
    double rpsSameWork = rps - (answerReplies - windowAnswerReplies) / seconds;
    LoadResult result = new LoadResult(rps, rpsSameWork,
        latency.quantile(0.50) / 1000.0, latency.quantile(0.99) / 1000.0, stats.errors(), peak,
        rssBefore, rssMax, heapBefore, heapDuring,
        Math.max(0, config.connections() - stats.connected.sum() - stats.connectErrors.sum()),
        serverCores, selfCores);
    report(result, seconds, stop - start);
    return result;
  }

  /**
   * True once the server has been quiet for a whole stretch and then holds no queued bytes in its
   * sockets (checked only after a quiet stretch: the tables list every connection).
   */
  private boolean settled(SettleWatch settle, ServerProbe probe) {
    long now = System.nanoTime();
    long messages = stats.messages.sum();
    double cpu = probe.cpuSeconds();
    if (!settle.observe(now, messages, cpu)) {
      return false;
    }
    if (SocketQueues.queuedBytes(config.port()) > 0) {
      settle.restart(now, messages, cpu);
      return false;
    }
    return true;
  }

  private void report(LoadResult r, double windowSeconds, long totalNanos) {
    String f = """
        tracker load: %s
          peers %d (peak connected %d), swarms %d, offers/announce %d, %s, ramp %d/s, run %.1f s (steady window %.1f s)
          responses/s %.0f   (replies %d, offers in %d, answers in %d; sent %d announces, %d answers)
          responses/s without replies to answer messages %.0f   (%d such replies)
          announce->reply latency p50 %.2f ms, p99 %.2f ms (%d samples in window)
          errors %d (failure replies %d, connect %d, unexpected closes %d, bad frames %d, unpaired replies %d); still connecting at the end %d
          CPU in the window: server %.2f cores, generator %.2f cores; server %.2f µs per response, generator %.2f µs per message
        """;
    out.printf(Locale.ROOT, f, config.url(), config.connections(), r.peakConnected(), config.swarms(),
        config.offers(), config.idle() ? "announce once then hold" : "re-announce after each reply",
        config.ramp(), totalNanos / 1e9, windowSeconds, r.rps(), stats.replies.sum(), stats.offersIn.sum(),
        stats.answersIn.sum(), stats.announcesOut.sum(), stats.answersOut.sum(), r.rpsSameWork(),
        stats.answerReplies.sum(), r.p50Ms(), r.p99Ms(),
        stats.latency().count(), r.errors(), stats.failureReplies.sum(), stats.connectErrors.sum(),
        stats.unexpectedCloses.sum(), stats.badMessages.sum(), stats.unpairedReplies.sum(), r.unconnected(),
        r.serverCores(), r.generatorCores(), r.serverMicrosPerResponse(), r.generatorMicrosPerMessage());
    if (r.rssKb() >= 0) {
      out.printf(Locale.ROOT, "  server RSS %d KB before, %d KB with peers: %.0f bytes per connected peer%n",
          r.rssBeforeKb(), r.rssKb(), r.rssBytesPerPeer());
    }
    if (r.heapKb() >= 0) {
      out.printf(Locale.ROOT, "  server live heap %d KB before, %d KB with peers: %.0f bytes per connected peer%n",
          r.heapBeforeKb(), r.heapKb(), r.heapBytesPerPeer());
    }
    out.println(r.line());
    out.flush();
  }
}
