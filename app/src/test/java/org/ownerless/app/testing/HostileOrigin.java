package org.ownerless.app.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An origin that misbehaves in one chosen way, for viewer, relay and {@code verify} tests. Like
 * {@link TamperingOrigin} it mirrors a real node (same paths below its root, open CORS); the {@link Mode}
 * set by the test decides how it answers, and can change at any time. It counts, per mode in force when
 * a request arrived, the requests, the segment requests, the bytes it wrote and the node's (signed)
 * bytes of the segments it was asked for, so a test can compare what a client downloaded with what was
 * signed. Binds 127.0.0.1 on a free port; {@link #close} interrupts its threads and stops endless writers.
 */
public final class HostileOrigin implements AutoCloseable {
  /** How segments ({@code .ts}) and signed JSON (announce, manifests, roots) are answered. */
  public enum Mode {
    /** Everything as the node serves it. */
    HONEST,
    /** Segments: 200 without Content-Length, then filler bytes until the client goes away. */
    ENDLESS_BODY,
    /** Segments: the node's bytes followed by {@link #EXTRA} more, with a Content-Length saying so. */
    OVERSIZE_BODY,
    /** Segments: the node's headers at once, then one byte every {@link #TRICKLE_INTERVAL_MS} ms. */
    TRICKLE,
    /** Segments: 503. */
    SEGMENT_503,
    /** Announce, manifests and roots: 503; segments as the node serves them. */
    MANIFEST_503
  }

  /** What OVERSIZE_BODY appends to each segment. */
  public static final int EXTRA = 1024 * 1024;
  public static final long TRICKLE_INTERVAL_MS = 200;
  private static final int FILLER_CHUNK = 16 * 1024;

  /**
   * Counts for one mode: all requests, segment requests, the segment bytes it wrote (into the socket:
   * the kernel and the client's buffers take more than the client reads), and the node's (signed)
   * bytes of the segments it was asked for.
   */
  public record Counts(long requests, long segmentRequests, long segmentBytesWritten, long signedSegmentBytes) {}

  private final HttpServer server;
  // Daemon threads: a writer stuck on a client that neither reads nor closes must not keep a JVM alive.
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "hostile-origin");
    t.setDaemon(true);
    return t;
  });
  private final String upstream;
  private volatile Mode mode = Mode.HONEST;
  private volatile boolean closed;
  private final Map<Mode, AtomicLong[]> counts = new EnumMap<>(Mode.class);
  private final AtomicInteger answering = new AtomicInteger();

  /** Mirrors {@code upstream} (a node's origin URL), honestly until {@link #mode(Mode)} says otherwise. */
  public HostileOrigin(String upstream) throws IOException {
    this.upstream = upstream.endsWith("/") ? upstream.substring(0, upstream.length() - 1) : upstream;
    for (Mode m : Mode.values()) {
      counts.put(m, new AtomicLong[] {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()});
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Its root URL, e.g. {@code http://127.0.0.1:PORT/}: what a viewer gets as {@code ?hint=}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** From the next request on, answers in {@code mode}. */
  public void mode(Mode mode) {
    this.mode = mode;
  }

  public Mode mode() {
    return mode;
  }

  /** What happened so far while {@code mode} was in force. */
  public Counts counts(Mode mode) {
    AtomicLong[] c = counts.get(mode);
    return new Counts(c[0].get(), c[1].get(), c[2].get(), c[3].get());
  }

  /** Requests being answered right now (an endless or trickling answer lasts until its client leaves). */
  public int answering() {
    return answering.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    Mode m = mode;
    AtomicLong[] c = counts.get(m);
    c[0].incrementAndGet();
    answering.incrementAndGet();
    try (ex) {
      ex.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
      ex.getResponseHeaders().set("Cache-Control", "no-cache");
      String path = ex.getRequestURI().getPath().substring(1);
      boolean segment = path.endsWith(".ts");
      if (segment) {
        c[1].incrementAndGet();
      }
      if ((segment && m == Mode.SEGMENT_503) || (!segment && m == Mode.MANIFEST_503)) {
        ex.sendResponseHeaders(503, -1);
        return;
      }
      byte[] body = fetchUpstream(path);
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      if (segment) {
        c[3].addAndGet(body.length);
      }
      try (OutputStream out = ex.getResponseBody()) {
        if (!segment || m == Mode.HONEST || m == Mode.MANIFEST_503 || m == Mode.SEGMENT_503) {
          ex.sendResponseHeaders(200, body.length);
          write(out, body, 0, body.length, segment ? c : null);
        } else if (m == Mode.ENDLESS_BODY) {
          ex.sendResponseHeaders(200, 0);
          byte[] filler = new byte[FILLER_CHUNK];
          Arrays.fill(filler, (byte) 0x47);
          while (!closed && !Thread.currentThread().isInterrupted()) {
            write(out, filler, 0, filler.length, c);
          }
        } else if (m == Mode.OVERSIZE_BODY) {
          ex.sendResponseHeaders(200, body.length + (long) EXTRA);
          write(out, body, 0, body.length, c);
          byte[] filler = new byte[FILLER_CHUNK];
          for (int sent = 0; sent < EXTRA && !closed; sent += filler.length) {
            write(out, filler, 0, filler.length, c);
          }
        } else {
          ex.sendResponseHeaders(200, body.length);
          for (int i = 0; i < body.length && !closed; i++) {
            write(out, body, i, 1, c);
            Thread.sleep(TRICKLE_INTERVAL_MS);
          }
        }
      }
    } catch (IOException e) {
      // The client went away: that is how an endless or trickling answer ends.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      answering.decrementAndGet();
    }
  }

  /** Writes and counts into {@code c} (null: not counted). */
  private static void write(OutputStream out, byte[] bytes, int from, int length, AtomicLong[] c) throws IOException {
    out.write(bytes, from, length);
    out.flush();
    if (c != null) {
      c[2].addAndGet(length);
    }
  }

  /** The node's bytes for {@code path}; null unless it answered 200. */
  private byte[] fetchUpstream(String path) {
    try {
      var r = Http.get(upstream + "/" + path);
      return r.statusCode() == 200 ? r.body() : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception e) {
      return null;
    }
  }

  @Override
  public void close() {
    closed = true;
    server.stop(0);
    threads.shutdownNow();
  }
}
