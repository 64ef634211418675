package org.ownerless.origin.relay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.Names;
import org.ownerless.protocol.model.Rendition;
import org.ownerless.protocol.model.StreamAnnounce;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verified mirror of one stream: an announce follower (every {@code announcePoll}) and, for each
 * rendition the announce names, a follower polling its manifest every {@code manifestPoll}, all
 * renditions in parallel; segment fetches run on their own threads and are coalesced. Everything it
 * writes under {@link RelayConfig#streamDir()} has been verified against the creator's key.
 */
public final class StreamMirror implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StreamMirror.class);

  private final RelayConfig config;
  private final MeterRegistry metrics;
  private final UpstreamChoice upstreams;
  private final UpstreamHttp http;
  private final ScheduledExecutorService pollers;
  private final ExecutorService fetchThreads;
  private final SegmentFetches fetches;
  private final AnnounceFollower announce;
  private final Map<String, RenditionFollower> renditions = new ConcurrentHashMap<>();

  public StreamMirror(RelayConfig config, MeterRegistry metrics) {
    this.config = config;
    this.metrics = metrics;
    this.upstreams = new UpstreamChoice(config.stream(), config.upstreams(), config.publicUrl(), metrics);
    this.http = new UpstreamHttp(config.timeout());
    // Polls are short blocking HTTP calls; a thread per rendition (at most 16) plus the announce keeps
    // renditions from waiting on each other. Fetches get their own pool so a poll waiting on its
    // segments can never starve them.
    this.pollers = Executors.newScheduledThreadPool(StreamAnnounce.MAX_RENDITIONS + 1, new DefaultThreadFactory("relay-poll", true));
    this.fetchThreads = Executors.newFixedThreadPool(4, new DefaultThreadFactory("relay-fetch", true));
    this.fetches = new SegmentFetches(http, fetchThreads);
    this.announce = new AnnounceFollower(config.stream(), config.streamDir(), http, upstreams, this::follow);
  }

  /** Clears what an earlier run left (see docs/relay.md) and starts following the upstreams. */
  public void start() throws IOException {
    deleteTree(config.streamDir());
    Files.createDirectories(config.streamDir());
    pollers.scheduleWithFixedDelay(guarded("announce", announce::poll), 0, config.announcePoll().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  public UpstreamChoice upstreams() {
    return upstreams;
  }

  /** The newest accepted announce, or null. */
  public StreamAnnounce announce() {
    return announce.current();
  }

  /** The root each rendition serves now (renditions without one are left out). */
  public Map<String, ManifestRoot> published() {
    Map<String, ManifestRoot> out = new LinkedHashMap<>();
    renditions.forEach((name, f) -> {
      if (f.published() != null) {
        out.put(name, f.published());
      }
    });
    return out;
  }

  /**
   * For a request of {@code rendition/uri} that is not in the mirror yet: the future of its file if
   * the accepted window lists it (one upstream fetch however many ask), else empty.
   */
  public Optional<CompletableFuture<Path>> fetchListed(String rendition, String uri) {
    RenditionFollower f = renditions.get(rendition);
    return f == null ? Optional.empty() : f.fetchListed(uri);
  }

  public SegmentFetches fetches() {
    return fetches;
  }

  private void follow(StreamAnnounce a) {
    for (Rendition r : a.renditions()) {
      if (!Names.isRenditionName(r.name()) || renditions.containsKey(r.name())) {
        continue;
      }
      RenditionFollower f = new RenditionFollower(r.name(), config.streamDir().resolve(r.name()), http, fetches,
          upstreams, announce::current, config.keepSegments());
      renditions.put(r.name(), f);
      Gauge.builder("ownerless.relay.tree.size", f, x -> x.published() == null ? 0 : x.published().treeSize())
          .description("log size of the newest root the relay serves").tag("rendition", r.name()).register(metrics);
      pollers.scheduleWithFixedDelay(guarded(r.name(), f::poll), 0, config.manifestPoll().toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  /** A scheduled task that throws is never run again: log and carry on instead. */
  private static Runnable guarded(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("relay {}: {}", what, e.toString());
      }
    };
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Override
  public void close() {
    pollers.shutdownNow();
    fetchThreads.shutdownNow();
    try {
      pollers.awaitTermination(5, TimeUnit.SECONDS);
      fetchThreads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
