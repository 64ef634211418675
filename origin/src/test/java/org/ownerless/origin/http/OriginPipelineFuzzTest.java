package org.ownerless.origin.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ownerless.net.ConnectionLimiter;

/**
 * The origin end to end, as a client's raw bytes meet it: the whole connection pipeline of
 * {@link OriginChannelInitializer} (header deadline, Netty's HTTP decoder with our limits, CORS,
 * metrics, decoder failures, keep-alive, body refusal, aggregator, chunked writer, preflight,
 * router) over a real stream tree, a {@code /metrics} route, and a secret file beside the served
 * root with a symlink inside the root pointing at it. The input arrives in three reads (split
 * where its thirds fall), so requests cut across packets as they do on a socket.
 *
 * <p>Contract: no exception reaches the end of the pipeline; everything written back is HTTP
 * responses (the first bytes are a status line), none of them a 5xx; the secret outside the root
 * is never in the output, whatever the path, its encoding or the symlink.
 */
class OriginPipelineFuzzTest {
  private static final String SECRET = "SECRET-OUTSIDE-THE-SERVED-ROOT";
  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3}) ");
  private static final OriginChannelInitializer PIPELINE = pipeline();

  @FuzzTest(maxDuration = "10m")
  void rawRequests(byte[] input) {
    EmbeddedChannel ch = new EmbeddedChannel(PIPELINE);
    try {
      int third = input.length / 3;
      write(ch, input, 0, third);
      write(ch, input, third, 2 * third);
      write(ch, input, 2 * third, input.length);
      ch.runPendingTasks();
      ch.checkException();
      String out = drainOutbound(ch);
      assertThat(out).doesNotContain(SECRET);
      if (!out.isEmpty()) {
        assertThat(out).as("the answer begins with a status line").startsWith("HTTP/1.");
      }
      Matcher status = STATUS_LINE.matcher(out);
      while (status.find()) {
        assertThat(status.group(1)).as("a server error in %s", out).doesNotStartWith("5");
      }
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  private static void write(EmbeddedChannel ch, byte[] input, int from, int to) {
    if (ch.isOpen() && to > from) {
      ch.writeInbound(Unpooled.wrappedBuffer(input, from, to - from));
    }
  }

  /** Everything written back, ByteBufs and file regions (sendfile) alike, as ISO-8859-1 text. */
  private static String drainOutbound(EmbeddedChannel ch) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    WritableByteChannel sink = Channels.newChannel(bytes);
    for (Object msg; (msg = ch.readOutbound()) != null; ) {
      try {
        if (msg instanceof ByteBuf buf) {
          byte[] b = new byte[buf.readableBytes()];
          buf.getBytes(buf.readerIndex(), b);
          bytes.writeBytes(b);
        } else if (msg instanceof FileRegion region) {
          for (long done = 0; done < region.count(); ) {
            long n = region.transferTo(sink, done);
            if (n <= 0) {
              break;
            }
            done += n;
          }
        } else {
          throw new AssertionError("unexpected outbound message " + msg.getClass());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        io.netty.util.ReferenceCountUtil.release(msg);
      }
    }
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is no failure of the harness
    }
  }

  private static OriginChannelInitializer pipeline() {
    try {
      Path data = Files.createTempDirectory("origin-fuzz");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(data)));
      StreamTree tree = StreamTree.in(data);
      Path secret = Files.writeString(data.resolve("secret.txt"), SECRET);
      Files.createSymbolicLink(tree.show().resolve("link.ts"), secret);
      Routes routes = new Routes();
      routes.add("/streams/", new StaticFileRoute("/streams/", tree.streams, Map.of()));
      PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      routes.add("/metrics", new PrometheusRoute(prometheus));
      OriginLimits limits = OriginLimits.defaults();
      ConnectionLimiter limiter = new ConnectionLimiter("HTTP", limits.maxConnections(), limits.maxConnectionsPerIp());
      HttpMetrics metrics = new HttpMetrics(prometheus, limiter::active);
      return new OriginChannelInitializer(limits, null, limiter, new MetricsHandler(metrics), routes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
