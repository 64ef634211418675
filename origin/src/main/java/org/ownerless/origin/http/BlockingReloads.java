package org.ownerless.origin.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.ownerless.protocol.json.StrictJson;

/**
 * The manifest requests of one server that wait for their file to grow (blocking reload), and the one
 * timer that watches those files. Files are written by atomic rename, by the node or by any relay or
 * mirror writing the same layout, so the watch polls each watched file's (inode, size, mtime) every
 * {@link #POLL} and rereads it only when that changes; nothing is polled while nothing waits.
 * (A hook the node's manifest publisher calls could spare the poll's 10 ms average delay; polling
 * stays, since relays and other writers of the layout have no such hook.)
 *
 * <p>Bounded: beyond {@code maxHeld} parked requests a new one is answered at once, and a closed
 * connection frees its request's slot immediately.
 */
public final class BlockingReloads implements AutoCloseable {
  static final Duration POLL = Duration.ofMillis(20);

  /** The identity of one version of a file: a rename always brings a new inode. */
  private record Version(Object fileKey, long size, long modifiedNanos) {
    static Version of(BasicFileAttributes a) {
      return new Version(a.fileKey(), a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
    }
  }

  private record Known(Version version, ManifestProgress progress) {}

  /** Parsed progress per file version, so a thousand viewers asking about one manifest parse it once. */
  private final Map<Path, Known> progress = new ConcurrentHashMap<>();
  private final Map<Path, List<HeldReload>> waiting = new HashMap<>(); // guarded by this
  private final Map<Path, Version> seen = new HashMap<>(); // guarded by this: last version polled
  private int held; // guarded by this
  private int maxHeld = 1;
  private volatile ScheduledExecutorService timer;
  private ScheduledFuture<?> polling; // guarded by this; null while nothing waits
  private MeterRegistry registry;
  private Gauge heldGauge;
  private final Map<HeldReload.Reason, Counter> releases = new EnumMap<>(HeldReload.Reason.class);
  private Counter refused;

  /** Starts with a bound and a registry for the meters (the server's start). */
  synchronized void start(int maxHeld, MeterRegistry registry) {
    this.maxHeld = maxHeld;
    this.registry = registry;
    this.timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("origin-reload-watch", true));
    heldGauge = Gauge.builder("ownerless.http.held.reloads", this, BlockingReloads::heldNow)
        .description("manifest requests held until the next segment or part (blocking reload)")
        .register(registry);
    for (HeldReload.Reason r : HeldReload.Reason.values()) {
      releases.put(r, Counter.builder("ownerless.http.held.reload.releases")
          .description("held manifest requests answered, by why").tag("reason", r.tag()).register(registry));
    }
    refused = Counter.builder("ownerless.http.held.reload.refused")
        .description("blocking manifest requests answered at once because the hold bound was reached")
        .register(registry);
  }

  synchronized int heldNow() {
    return held;
  }

  /** The progress of the manifest version {@code attrs} describes, read from {@code body}; null if unknown. */
  ManifestProgress progress(Path file, BasicFileAttributes attrs, byte[] body) {
    Version v = Version.of(attrs);
    Known k = progress.get(file);
    if (k != null && k.version.equals(v)) {
      return k.progress;
    }
    ManifestProgress p = ManifestProgress.of(body);
    if (progress.size() > 4096) {
      progress.clear(); // a memo, not a registry: many streams' manifests come back after one parse each
    }
    progress.put(file, new Known(v, p));
    return p;
  }

  /**
   * Parks the request until {@code file} satisfies {@code q} or {@code bound} passes; false (the caller
   * answers at once) when the bound on held requests is reached or the server is not running.
   */
  boolean hold(ChannelHandlerContext ctx, FullHttpRequest req, Path file, BlockingQuery q, Duration bound,
      HeldReload.Answer answer) {
    HeldReload r;
    synchronized (this) {
      if (timer == null || held >= maxHeld) {
        if (refused != null) {
          refused.increment();
        }
        return false;
      }
      r = new HeldReload(this, ctx, req, file, q, answer);
      waiting.computeIfAbsent(file, f -> new ArrayList<>()).add(r);
      // The caller read the file before this lock; a rename the poll saw in between must not go unseen.
      seen.remove(file);
      held++;
      if (polling == null) {
        polling = timer.scheduleWithFixedDelay(this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    ctx.channel().attr(HeldReload.ON_CHANNEL).set(r);
    r.timeout(ctx.executor().schedule(() -> release(r, HeldReload.Reason.TIMEOUT), bound.toNanos(),
        TimeUnit.NANOSECONDS));
    ctx.channel().closeFuture().addListener((ChannelFutureListener) f -> release(r, HeldReload.Reason.CLOSED));
    return true;
  }

  /** Answers the request parked on this connection now (a request was pipelined behind it). */
  void releasePipelined(HeldReload r) {
    release(r, HeldReload.Reason.PIPELINED);
  }

  private void release(HeldReload r, HeldReload.Reason reason) {
    synchronized (this) {
      List<HeldReload> list = waiting.get(r.file);
      if (list == null || !list.remove(r)) {
        return; // already released by another cause
      }
      if (list.isEmpty()) {
        waiting.remove(r.file);
        seen.remove(r.file);
      }
      held--;
    }
    r.release(reason, releases.get(reason)::increment);
  }

  private void poll() {
    List<Path> files;
    synchronized (this) {
      if (waiting.isEmpty()) {
        polling.cancel(false);
        polling = null;
        return;
      }
      files = new ArrayList<>(waiting.keySet());
    }
    for (Path f : files) {
      check(f);
    }
  }

  /** Rereads {@code file} if its version changed since the last look and frees its satisfied waiters. */
  private void check(Path file) {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return; // between versions or gone: the hold bound answers (404 then, as a plain GET would)
    }
    Version v = Version.of(attrs);
    synchronized (this) {
      if (!waiting.containsKey(file) || Objects.equals(seen.put(file, v), v)) {
        return;
      }
    }
    ManifestProgress p;
    try {
      p = progress(file, attrs, attrs.size() > StrictJson.MAX_BYTES ? new byte[0] : Files.readAllBytes(file));
    } catch (IOException e) {
      return;
    }
    List<HeldReload> ready = new ArrayList<>();
    synchronized (this) {
      for (HeldReload r : waiting.getOrDefault(file, List.of())) {
        if (p == null || p.satisfies(r.query) || p.tooFarBehind(r.query)) {
          ready.add(r);
        }
      }
    }
    for (HeldReload r : ready) {
      release(r, HeldReload.Reason.READY);
    }
  }

  /** Frees every held request without an answer (the server is stopping) and stops the timer. */
  @Override
  public void close() {
    List<HeldReload> all = new ArrayList<>();
    synchronized (this) {
      waiting.values().forEach(all::addAll);
      if (timer != null) {
        timer.shutdownNow();
        timer = null;
      }
      polling = null;
    }
    for (HeldReload r : all) {
      release(r, HeldReload.Reason.SHUTDOWN);
    }
    synchronized (this) {
      if (registry != null) {
        registry.remove(heldGauge);
        releases.values().forEach(registry::remove);
        registry.remove(refused);
        releases.clear();
        registry = null;
      }
    }
  }
}
