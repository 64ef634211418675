package org.ownerless.origin.relay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.ownerless.net.LogText;
import org.ownerless.origin.follow.FetchFailure;
import org.ownerless.origin.follow.StreamFollower;
import org.ownerless.origin.follow.StreamUrl;
import org.ownerless.origin.follow.UpstreamChoice;
import org.ownerless.protocol.io.AtomicFiles;
import org.ownerless.protocol.layout.MasterPlaylist;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.Names;
import org.ownerless.protocol.model.Rendition;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.verify.Signed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verified mirror of one stream: a {@link StreamFollower} polling the announce every
 * {@code announcePoll} and, for each rendition the announce names, its manifest every
 * {@code manifestPoll}, all renditions in parallel; segment fetches run on their own threads and
 * are coalesced. Everything it writes under {@link RelayConfig#streamDir()} has been verified
 * against the creator's key: the announce verbatim with a master playlist written from it, each
 * rendition by its {@link RenditionMirror}.
 */
public final class StreamMirror implements AutoCloseable, StreamFollower.Listener {
  private static final Logger log = LoggerFactory.getLogger(StreamMirror.class);

  private final RelayConfig config;
  private final MeterRegistry metrics;
  private final StreamFollower follower;
  private final ScheduledExecutorService pollers;
  private final ExecutorService fetchThreads;
  private final ExecutorService scoutThreads;
  private final SegmentFetches fetches;
  private final Map<String, RenditionMirror> renditions = new ConcurrentHashMap<>();

  public StreamMirror(RelayConfig config, MeterRegistry metrics) {
    this.config = config;
    this.metrics = metrics;
    UpstreamChoice upstreams = UpstreamChoice.failingOver(config.stream(), config.upstreams(), config.publicUrl(),
        metrics);
    this.follower = new StreamFollower(config.stream(), upstreams, config.follow(), this);
    // Polls are short blocking HTTP calls; a thread per rendition (at most 16) plus the announce keeps
    // renditions from waiting on each other. Fetches get their own pool so a poll waiting on its
    // segments can never starve them.
    this.pollers = Executors.newScheduledThreadPool(StreamAnnounce.MAX_RENDITIONS + 1, new DefaultThreadFactory("relay-poll", true));
    this.fetchThreads = Executors.newFixedThreadPool(4, new DefaultThreadFactory("relay-fetch", true));
    this.fetches = new SegmentFetches(follower, fetchThreads);
    // Scouts ask upstreams not being read, which may be as slow as the deadline allows: off the poll
    // threads, so a slow one never delays the rendition that is followed (at most one per rendition).
    this.scoutThreads = Executors.newCachedThreadPool(new DefaultThreadFactory("relay-scout", true));
  }

  /** Clears what an earlier run left (see docs/relay.md) and starts following the upstreams. */
  public void start() throws IOException {
    deleteTree(config.streamDir());
    AtomicFiles.publicDirectory(config.streamDir());
    pollers.scheduleWithFixedDelay(guarded("announce", this::pollAnnounce), 0, config.announcePoll().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  public UpstreamChoice upstreams() {
    return follower.upstreams();
  }

  /** The newest accepted announce, or null. */
  public StreamAnnounce announce() {
    return follower.announce();
  }

  /** The root each rendition serves now (renditions without one are left out). */
  public Map<String, ManifestRoot> published() {
    Map<String, ManifestRoot> out = new LinkedHashMap<>();
    renditions.forEach((name, r) -> {
      if (r.published() != null) {
        out.put(name, r.published());
      }
    });
    return out;
  }

  /**
   * For a request of {@code rendition/uri} that is not in the mirror yet: the future of its file if
   * the accepted window lists it (one upstream fetch however many ask), else empty.
   */
  public Optional<CompletableFuture<Path>> fetchListed(String rendition, String uri) {
    RenditionMirror r = renditions.get(rendition);
    return r == null ? Optional.empty() : r.fetchListed(uri);
  }

  /** The mirror of {@code rendition}, or null before the announce lists it. */
  RenditionMirror rendition(String rendition) {
    return renditions.get(rendition);
  }

  public SegmentFetches fetches() {
    return fetches;
  }

  private void pollAnnounce() {
    if (follower.upstreams().waitingOut()) {
      return;
    }
    StreamUrl upstream = follower.upstreams().current();
    try {
      follower.pollAnnounce(upstream);
    } catch (FetchFailure f) {
      follower.report(upstream, f);
    }
  }

  /** Copies a newly accepted announce verbatim, writes the master playlist from it, follows new renditions. */
  @Override
  public void announceAccepted(Signed<StreamAnnounce> signed, byte[] bytes) {
    StreamAnnounce a = signed.content();
    Path dir = config.streamDir();
    try {
      AtomicFiles.publish(dir.resolve(StreamLayout.ANNOUNCE), bytes);
      AtomicFiles.publishString(dir.resolve(StreamLayout.MASTER_PLAYLIST), MasterPlaylist.render(a.renditions()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the announce mirror in " + dir, e);
    }
    for (Rendition r : a.renditions()) {
      if (!Names.isRenditionName(r.name()) || renditions.containsKey(r.name())) {
        continue;
      }
      RenditionMirror m = new RenditionMirror(r.name(), dir.resolve(r.name()), follower, fetches, scoutThreads,
          config.keepSegments());
      renditions.put(r.name(), m);
      Gauge.builder("ownerless.relay.tree.size", m, x -> x.published() == null ? 0 : x.published().treeSize())
          .description("log size of the newest root the relay serves").tag("rendition", r.name()).register(metrics);
      pollers.scheduleWithFixedDelay(guarded(r.name(), m::poll), 0, config.manifestPoll().toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void rootAccepted(String rendition, Signed<ManifestRoot> root, byte[] bytes) {
    RenditionMirror m = renditions.get(rendition);
    if (m != null) {
      m.accepted(root, bytes);
    }
  }

  /** A scheduled task that throws is never run again: log and carry on instead. */
  private static Runnable guarded(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("relay {}: {}", what, LogText.detail(e.toString()));
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
    scoutThreads.shutdownNow();
    try {
      pollers.awaitTermination(5, TimeUnit.SECONDS);
      fetchThreads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
