package org.ownerless.origin.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.ownerless.origin.follow.FetchFailure;
import org.ownerless.origin.follow.StreamFollower;
import org.ownerless.origin.follow.StreamUrl;
import org.ownerless.protocol.io.AtomicFiles;
import org.ownerless.protocol.layout.LiveWindow;
import org.ownerless.protocol.layout.MediaPlaylist;
import org.ownerless.protocol.layout.PlaylistEntry;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.model.InitSection;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.model.StreamStatus;
import org.ownerless.protocol.verify.Signed;

/**
 * Republishes one rendition's signed log as the follower accepts it. Each poll asks the follower
 * for the upstream's newest root; publishing then follows docs/protocol.md §5: every window segment
 * verified and in place (with the init
 * sections they name) → roots/N.json → manifest.json → index.m3u8 (written from the window), each
 * file atomically. A reader of the relay thus never sees a playlist entry whose segment or manifest
 * is missing. Polls of one rendition never overlap (one scheduled task).
 */
final class RenditionMirror {
  /** How often a poll asks another upstream whether it is ahead: about two segments of the default length. */
  static final long SCOUT_EVERY_MS = 2_000;

  private final String rendition;
  private final Path dir;
  private final StreamFollower follower;
  private final SegmentFetches fetches;
  private final Executor scouts;
  private final MirrorRetention retention;

  private final UnpublishedRoots unpublished;
  private final MediaPlaylist playlist = new MediaPlaylist(1);
  private volatile ManifestRoot published;
  private volatile Signed<ManifestRoot> newest;
  private Signed<ManifestRoot> publishedSigned;
  private boolean publishedEnded;
  private long playlistEpoch = -1;
  private volatile long nextScoutMs;
  private CompletableFuture<Void> scouting = CompletableFuture.completedFuture(null);

  /** @param scouts where scouts run: never on the poll thread, whose upstream they must not delay */
  RenditionMirror(String rendition, Path dir, StreamFollower follower, SegmentFetches fetches, Executor scouts,
      int keepSegments) {
    this.rendition = rendition;
    this.dir = dir;
    this.follower = follower;
    this.fetches = fetches;
    this.scouts = scouts;
    this.retention = new MirrorRetention(dir, keepSegments);
    this.unpublished = new UnpublishedRoots(rendition, keepSegments);
  }

  String rendition() {
    return rendition;
  }

  /** The root whose files the relay serves now, or null. */
  ManifestRoot published() {
    return published;
  }

  /** Roots accepted and not yet written. */
  int unpublishedRoots() {
    return unpublished.size();
  }

  /** The log size of the newest accepted root (published or not); 0 before the first. */
  long acceptedSize() {
    Signed<ManifestRoot> n = newest;
    return n == null ? 0 : n.content().treeSize();
  }

  /** The follower accepted {@code root} (on this rendition's poll thread): written at the next publish. */
  void accepted(Signed<ManifestRoot> root, byte[] bytes) {
    unpublished.add(new UnpublishedRoots.RootFile(StreamLayout.root(root.content().epoch(), root.content().treeSize()), bytes));
    newest = root;
  }

  /**
   * One poll; failures are reported to the upstream choice, never thrown. Every
   * {@link #SCOUT_EVERY_MS} the poll also sends a scout to ask another upstream whether it is ahead,
   * and that one is read from the next poll on if it is (a stale mirror first in the list must not
   * pin the relay). The scout runs on its own thread: an upstream that trickles would otherwise hold
   * every poll for a whole request deadline, and the relay would fall that far behind the one it reads.
   */
  void poll() {
    StreamAnnounce a = follower.announce();
    if (a == null || follower.upstreams().waitingOut()) {
      return;
    }
    StreamUrl upstream = follower.upstreams().current();
    try {
      follower.pollRoots(rendition, upstream);
      scoutWhenDue(upstream);
      publishIfBehind(a, upstream); // the root's segments from the server that served it
    } catch (FetchFailure f) {
      follower.report(upstream, f);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the mirror of " + rendition, e);
    }
  }

  private void scoutWhenDue(StreamUrl reading) {
    long now = System.currentTimeMillis();
    if (now < nextScoutMs || !scouting.isDone()) {
      return;
    }
    StreamUrl other = follower.upstreams().nextToScout();
    if (other == null) {
      return;
    }
    scouting = CompletableFuture.runAsync(() -> {
      ManifestRoot had = follower.root(rendition);
      ManifestRoot ahead = follower.aheadAt(rendition, other);
      if (ahead != null) {
        follower.upstreams().prefer(other, rendition + " root " + ahead.treeSize() + " there, "
            + (had == null ? "none" : had.treeSize()) + " at " + reading);
      }
    }, scouts).whenComplete((done, failed) -> nextScoutMs = System.currentTimeMillis() + SCOUT_EVERY_MS);
  }

  /**
   * A client asked for {@code uri}: if the accepted (maybe not yet published) window lists it, the
   * future of its mirrored file, joining any fetch in flight.
   */
  Optional<CompletableFuture<Path>> fetchListed(String uri) {
    ManifestRoot root = follower.root(rendition);
    if (root == null) {
      return Optional.empty();
    }
    StreamUrl upstream = follower.upstreams().current();
    Optional<CompletableFuture<Path>> segment = root.entryByUri(uri).map(e -> mirror(upstream, e));
    if (segment.isPresent()) {
      return segment;
    }
    return root.inits().stream().filter(i -> i.uri().equals(uri)).findFirst().map(i -> mirror(upstream, i));
  }

  private CompletableFuture<Path> mirror(StreamUrl upstream, SegmentEntry e) {
    return fetches.mirror(upstream, rendition, e, dir.resolve(e.uri())).thenApply(p -> {
      retention.segmentMirrored(e.uri(), e.hasInit() ? e.init().uri() : null);
      return p;
    });
  }

  private CompletableFuture<Path> mirror(StreamUrl upstream, InitSection init) {
    return fetches.mirrorInit(upstream, rendition, init, dir.resolve(init.uri()));
  }

  /** Publishes the newest accepted root if the relay serves an older one (or the end status changed). */
  private void publishIfBehind(StreamAnnounce a, StreamUrl upstream) throws FetchFailure, IOException {
    Signed<ManifestRoot> target = newest;
    boolean ended = a.status() == StreamStatus.ENDED;
    if (target == null || target == publishedSigned && ended == publishedEnded) {
      return;
    }
    ManifestRoot root = target.content();
    // 1. Every segment the window lists and every init section they need, verified and in place
    //    (in parallel; most are there already).
    List<CompletableFuture<Path>> segments = new ArrayList<>();
    for (InitSection init : root.inits()) {
      segments.add(mirror(upstream, init));
    }
    for (SegmentEntry e : root.window()) {
      segments.add(mirror(upstream, e));
    }
    try {
      CompletableFuture.allOf(segments.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      throw SegmentFetches.failureOf(e);
    }
    // 2. roots/N.json (verbatim: signed), 3. manifest.json, 4. the playlist written from the window.
    if (!unpublished.isEmpty()) {
      List<UnpublishedRoots.RootFile> files = unpublished.drain();
      for (UnpublishedRoots.RootFile f : files) {
        AtomicFiles.publish(dir.resolve(f.path()), f.bytes());
        retention.rootWritten(f.path());
      }
      AtomicFiles.publish(dir.resolve(StreamLayout.MANIFEST), files.get(files.size() - 1).bytes());
    }
    AtomicFiles.publishString(dir.resolve(StreamLayout.MEDIA_PLAYLIST), playlist(root, ended));
    // 5. Retention before the new root becomes visible: whoever sees this tree size also sees the
    //    disk as it will stay (the files already name only the new window).
    Set<String> listed = new HashSet<>();
    root.window().forEach(e -> listed.add(e.uri()));
    root.inits().forEach(i -> listed.add(i.uri()));
    retention.apply(listed, StreamLayout.root(root.epoch(), root.treeSize()));
    publishedSigned = target;
    publishedEnded = ended;
    published = root;
  }

  /** The node's playlist for this window, as far as a reader of the window can tell (LiveWindow). */
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
