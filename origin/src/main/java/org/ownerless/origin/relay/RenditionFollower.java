package org.ownerless.origin.relay;

import org.ownerless.protocol.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.ownerless.origin.verify.StreamUrl;
import org.ownerless.protocol.json.StrictJson;
import org.ownerless.protocol.layout.LiveWindow;
import org.ownerless.protocol.layout.MediaPlaylist;
import org.ownerless.protocol.layout.PlaylistEntry;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.model.StreamStatus;
import org.ownerless.protocol.verify.Problem;
import org.ownerless.protocol.verify.RootTracker;
import org.ownerless.protocol.verify.Signed;
import org.ownerless.protocol.verify.VerificationException;
import org.ownerless.protocol.verify.Verifier;

/**
 * Follows one rendition's signed log on the upstream and republishes it. Each poll: a conditional
 * GET of manifest.json; a new root is verified against the announce and accepted by a
 * {@link RootTracker} (walking the upstream's roots/N.json to close gaps), so the relay's log never
 * rolls back or forks whichever upstream it reads. Publishing then follows docs/protocol.md §5:
 * every window segment verified and in place → roots/N.json → manifest.json → index.m3u8 (written
 * from the window), each file atomically. A reader of the relay thus never sees a playlist entry
 * whose segment or manifest is missing. Polls of one follower never overlap (one scheduled task).
 */
final class RenditionFollower {
  /** A rendition the announce names may lack a manifest for a while (no segment yet); longer is a failure. */
  static final long MANIFEST_GRACE_MS = 15_000;
  /** How many intermediate roots one poll may fetch to close a gap (as StreamVerifier). */
  static final int MAX_GAP_FETCHES = 1000;

  private record RootFile(long size, byte[] bytes) {}

  private final String rendition;
  private final Path dir;
  private final UpstreamHttp http;
  private final SegmentFetches fetches;
  private final UpstreamChoice upstreams;
  private final Supplier<StreamAnnounce> announce;
  private final MirrorRetention retention;

  private final RootTracker tracker = new RootTracker();
  private final List<RootFile> unpublished = new ArrayList<>();
  private final MediaPlaylist playlist = new MediaPlaylist(1);
  private volatile ManifestRoot accepted;
  private volatile ManifestRoot published;
  private Signed<ManifestRoot> publishedSigned;
  private boolean publishedEnded;
  private long playlistEpoch = -1;
  private String etag;
  private StreamUrl etagFrom;
  private long notFoundSince;

  RenditionFollower(String rendition, Path dir, UpstreamHttp http, SegmentFetches fetches, UpstreamChoice upstreams,
      Supplier<StreamAnnounce> announce, int keepSegments) {
    this.rendition = rendition;
    this.dir = dir;
    this.http = http;
    this.fetches = fetches;
    this.upstreams = upstreams;
    this.announce = announce;
    this.retention = new MirrorRetention(dir, keepSegments);
  }

  String rendition() {
    return rendition;
  }

  /** The root whose files the relay serves now, or null. */
  ManifestRoot published() {
    return published;
  }

  /** One poll; failures are reported to the upstream choice, never thrown. */
  void poll() {
    StreamAnnounce a = announce.get();
    if (a == null) {
      return;
    }
    StreamUrl upstream = upstreams.current();
    try {
      acceptNewRoots(a, upstream);
      publishIfBehind(a, upstream);
    } catch (UpstreamFailure f) {
      etag = null; // read the manifest again from whichever upstream comes next
      if (!Thread.currentThread().isInterrupted()) { // interrupted: the relay is closing, not the upstream failing
        upstreams.reportFailure(upstream, f.problem(), f.getMessage());
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write the mirror of " + rendition, e);
    }
  }

  /**
   * A client asked for {@code uri}: if the accepted (maybe not yet published) window lists it, the
   * future of its mirrored file, joining any fetch in flight.
   */
  Optional<CompletableFuture<Path>> fetchListed(String uri) {
    ManifestRoot root = accepted;
    if (root == null) {
      return Optional.empty();
    }
    return root.entryByUri(uri).map(e -> mirror(upstreams.current(), e));
  }

  private CompletableFuture<Path> mirror(StreamUrl upstream, SegmentEntry e) {
    return fetches.mirror(upstream, rendition, e, dir.resolve(e.uri())).thenApply(p -> {
      retention.segmentMirrored(e.uri());
      return p;
    });
  }

  private void acceptNewRoots(StreamAnnounce a, StreamUrl upstream) throws UpstreamFailure {
    UpstreamHttp.Response r;
    try {
      r = http.get(upstream.resolve(rendition + "/manifest.json"), StrictJson.MAX_BYTES,
          upstream.equals(etagFrom) ? etag : null);
    } catch (UpstreamHttp.NotFound e) {
      long now = System.currentTimeMillis();
      notFoundSince = notFoundSince == 0 ? now : notFoundSince;
      if (now - notFoundSince > MANIFEST_GRACE_MS) {
        notFoundSince = 0;
        throw new UpstreamFailure(Problem.UNAVAILABLE, e.getMessage());
      }
      return;
    }
    notFoundSince = 0;
    if (r.notModified()) {
      return;
    }
    Signed<ManifestRoot> newest = verify(r.body(), a, upstream, "manifest.json");
    try {
      try {
        tracker.accept(newest);
      } catch (VerificationException gap) {
        if (gap.problem() != Problem.GAP) {
          throw gap;
        }
        walkGap(a, upstream, newest);
      }
    } catch (VerificationException e) {
      throw new UpstreamFailure(e.problem(), upstream + rendition + "/manifest.json: " + e.getMessage()
          + e.equivocation().map(p -> " — proof: " + p).orElse(""));
    }
    if (tracker.last().orElseThrow() == newest) {
      unpublished.add(new RootFile(newest.content().treeSize(), r.body()));
      accepted = newest.content();
    }
    etag = r.etag();
    etagFrom = upstream;
  }

  /** Accepts the roots between the last accepted size and {@code newest}, then {@code newest}. */
  private void walkGap(StreamAnnounce a, StreamUrl upstream, Signed<ManifestRoot> newest)
      throws UpstreamFailure, VerificationException {
    long from = tracker.last().orElseThrow().content().treeSize();
    long to = newest.content().treeSize();
    if (to - from > MAX_GAP_FETCHES) {
      throw new VerificationException(Problem.GAP, "more than " + MAX_GAP_FETCHES + " roots missed (" + from
          + " -> " + to + ")");
    }
    for (long size = from + 1; size < to; size++) {
      String file = "roots/" + size + ".json";
      byte[] bytes = http.require(upstream.resolve(rendition + "/" + file), StrictJson.MAX_BYTES);
      Signed<ManifestRoot> between = verify(bytes, a, upstream, file);
      tracker.accept(between);
      unpublished.add(new RootFile(size, bytes));
    }
    tracker.accept(newest);
  }

  private Signed<ManifestRoot> verify(byte[] bytes, StreamAnnounce a, StreamUrl upstream, String file)
      throws UpstreamFailure {
    try {
      return Verifier.verifyManifest(bytes, a, rendition);
    } catch (VerificationException e) {
      throw new UpstreamFailure(e.problem(), upstream + rendition + "/" + file + ": " + e.getMessage());
    }
  }

  /** Publishes the newest accepted root if the relay serves an older one (or the end status changed). */
  private void publishIfBehind(StreamAnnounce a, StreamUrl upstream) throws UpstreamFailure, IOException {
    Signed<ManifestRoot> target = tracker.last().orElse(null);
    boolean ended = a.status() == StreamStatus.ENDED;
    if (target == null || target == publishedSigned && ended == publishedEnded) {
      return;
    }
    ManifestRoot root = target.content();
    // 1. Every segment the window lists, verified and in place (in parallel; most are there already).
    List<CompletableFuture<Path>> segments = new ArrayList<>();
    for (SegmentEntry e : root.window()) {
      segments.add(mirror(upstream, e));
    }
    try {
      CompletableFuture.allOf(segments.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new UpstreamFailure(SegmentFetches.problemOf(cause), cause.getMessage());
    }
    // 2. roots/N.json (verbatim: signed), 3. manifest.json, 4. the playlist written from the window.
    if (!unpublished.isEmpty()) {
      for (RootFile f : unpublished) {
        AtomicFiles.write(dir.resolve(StreamLayout.root(f.size())), f.bytes());
        retention.rootWritten(f.size());
      }
      AtomicFiles.write(dir.resolve(StreamLayout.MANIFEST), unpublished.get(unpublished.size() - 1).bytes());
      unpublished.clear();
    }
    AtomicFiles.writeString(dir.resolve(StreamLayout.MEDIA_PLAYLIST), playlist(root, ended));
    // 5. Retention before the new root becomes visible: whoever sees this tree size also sees the
    //    disk as it will stay (the files already name only the new window).
    Set<String> listed = new HashSet<>();
    root.window().forEach(e -> listed.add(e.uri()));
    retention.apply(listed, root.treeSize());
    publishedSigned = target;
    publishedEnded = ended;
    published = root;
  }

  private String playlist(ManifestRoot root, boolean ended) {
    if (root.epoch() != playlistEpoch) {
      playlist.startNewLog();
      playlistEpoch = root.epoch();
    }
    List<PlaylistEntry> window = new ArrayList<>(root.window().size());
    for (SegmentEntry e : root.window()) {
      PlaylistEntry entry = PlaylistEntry.of(e);
      playlist.observe(entry);
      window.add(entry);
    }
    return playlist.render(LiveWindow.listed(window, ended, LiveWindow.playlistWindowOf(window)), ended);
  }
}
