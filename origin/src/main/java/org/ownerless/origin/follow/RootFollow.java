package org.ownerless.origin.follow;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.ownerless.protocol.json.StrictJson;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.verify.Problem;
import org.ownerless.protocol.verify.RootTracker;
import org.ownerless.protocol.verify.Signed;
import org.ownerless.protocol.verify.VerificationException;
import org.ownerless.protocol.verify.Verifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one rendition's signed log on the upstreams: conditional polls of {@code manifest.json};
 * a new root is verified against the announce and accepted by a {@link RootTracker}, which closes a
 * gap by walking the upstream's {@code roots/N.json}. The log a follower accepts therefore never
 * rolls back or forks, whichever upstream it reads. Every root accepted — the walked ones too, even
 * when a later step fails — is handed to the listener once, in order, with its canonical bytes. Not thread-safe: one poller per rendition.
 */
final class RootFollow {
  private static final Logger log = LoggerFactory.getLogger(RootFollow.class);
  /** Told of each accepted root of one rendition. */
  interface Listener {
    void accepted(Signed<ManifestRoot> root, byte[] bytes);
  }

  /** A root as fetched: verified, with its canonical bytes (never the bytes as received). */
  record Fetched(Signed<ManifestRoot> root, byte[] bytes) {}

  /**
   * The largest root a gap walk takes: the roots before the newest one of a live log have windows
   * no longer than its own, so twice its size (and room for a short first one) is plenty, and a
   * padded root from a hostile upstream is cut off there instead of at the protocol's 2 MiB.
   */
  static long walkedRootCap(int newestBytes) {
    return Math.min(StrictJson.MAX_BYTES, Math.max(64 * 1024L, 2L * newestBytes + 16 * 1024));
  }

  private final String rendition;
  private final BoundedHttp http;
  private final NotFoundGrace notFound;
  private final Supplier<List<StreamUrl>> upstreams;
  private final Listener listener;
  private final RootTracker tracker = new RootTracker();
  private volatile ManifestRoot accepted;
  /** The last root handed to the listener as the newest (a part-less one; see handOverNewest). */
  private ManifestRoot handedOver;
  private boolean found;
  private String etag;
  private StreamUrl etagFrom;

  /** @param upstreams every upstream known now: a gap walk may take signed roots from any of them */
  RootFollow(String rendition, BoundedHttp http, Duration notFoundGrace, Supplier<List<StreamUrl>> upstreams,
      Listener listener) {
    this.rendition = rendition;
    this.http = http;
    this.notFound = new NotFoundGrace(notFoundGrace);
    this.upstreams = upstreams;
    this.listener = listener;
  }

  /** The newest accepted root, or null; safe from any thread. */
  ManifestRoot accepted() {
    return accepted;
  }

  /** Whether the last poll found the manifest (a 404 forgiven for a while is not an answer). */
  boolean found() {
    return found;
  }

  /** Polls {@code upstream}'s manifest and accepts what it proves, under {@code announce}. */
  void poll(StreamUrl upstream, StreamAnnounce announce) throws FetchFailure {
    try {
      pollOnce(upstream, announce);
    } catch (FetchFailure f) {
      etag = null; // read the manifest again from whichever upstream comes next
      throw f;
    }
  }

  private void pollOnce(StreamUrl upstream, StreamAnnounce announce) throws FetchFailure {
    URI uri = upstream.resolve(StreamLayout.manifest(rendition));
    BoundedHttp.Answer answer = http.get(uri, StrictJson.MAX_BYTES, upstream.equals(etagFrom) ? etag : null);
    found = !answer.notFound();
    if (answer.notFound()) {
      notFound.notFound(uri);
      return;
    }
    notFound.found();
    if (answer.notModified()) {
      return;
    }
    Signed<ManifestRoot> newest = verify(answer.body(), announce, uri);
    ManifestRoot had = tracker.last().map(Signed::content).orElse(null);
    ManifestRoot n = newest.content();
    if (had != null && (n.epoch() < had.epoch() || n.epoch() == had.epoch() && n.treeSize() < had.treeSize())) {
      // Genuine but older than what is held: this upstream is behind (a mirror not caught up, or one
      // replaying an old state; the same to a reader), not forging. Read elsewhere; report it STALE.
      throw new FetchFailure(Problem.STALE, uri + ": behind: root " + n.epoch() + "-" + n.treeSize()
          + ", this follower holds " + had.epoch() + "-" + had.treeSize());
    }
    long from = had == null ? 0 : had.treeSize();
    long epoch = had == null ? n.epoch() : had.epoch();
    // Within the epoch the walk ends below the newest root; into the next one, where it says ours ended.
    long end = had != null && n.epoch() == had.epoch() + 1 ? n.previous().treeSize() + 1 : n.treeSize();
    long cap = walkedRootCap(answer.body().length);
    GapRoots gap = new GapRoots(walkOrder(upstream), epoch, from, end,
        (u, e, size) -> fetchRoot(u, announce, e, size, cap));
    boolean restarted;
    try (gap) {
      restarted = tracker.accept(newest, gap);
    } catch (VerificationException e) {
      handOver(gap.walked());
      throw gap.failure() != null ? gap.failure() : FetchFailure.refused(uri.toString(), e);
    }
    handOver(gap.walked());
    if (restarted) {
      log.info("{}: {} roots behind, too far to walk; following from root {} of {}", rendition,
          newest.content().treeSize() - from, newest.content().treeSize(), upstream);
    }
    if (tracker.last().orElseThrow() == newest) {
      handOverNewest(upstream, announce, newest, cap);
    }
    accepted = tracker.last().orElseThrow().content();
    etag = answer.etag();
    etagFrom = upstream;
  }

  /**
   * Hands the newest accepted root to the listener. Followers serve no LL-HLS parts (yet): a root
   * listing parts is handed over as the part-less root of the same size instead, the upstream's
   * {@code roots/E-N.json} (a node writes the parts only into {@code manifest.json}), once per size.
   * So a relay never serves a manifest listing part files it does not have, and publishes once per
   * segment as before rather than once per part. The part-less root goes through the tracker too:
   * one that differs from the accepted state in anything but its parts is EQUIVOCATION.
   */
  private void handOverNewest(StreamUrl upstream, StreamAnnounce announce, Signed<ManifestRoot> newest, long cap)
      throws FetchFailure {
    ManifestRoot n = newest.content();
    if (n.parts().isEmpty()) {
      listener.accepted(newest, newest.envelope().toCanonicalBytes());
      handedOver = n;
      return;
    }
    if (handedOver != null && handedOver.epoch() == n.epoch() && handedOver.treeSize() == n.treeSize()) {
      return;
    }
    Fetched partless = fetchRoot(upstream, announce, n.epoch(), n.treeSize(), cap);
    try {
      tracker.accept(partless.root());
    } catch (VerificationException e) {
      throw FetchFailure.refused(upstream.resolve(StreamLayout.root(rendition, n.epoch(), n.treeSize())).toString(), e);
    }
    listener.accepted(partless.root(), partless.bytes());
    handedOver = partless.root().content();
  }

  /** The upstream that served the newest manifest first, then every other one known. */
  private List<StreamUrl> walkOrder(StreamUrl first) {
    List<StreamUrl> order = new ArrayList<>(List.of(first));
    for (StreamUrl u : upstreams.get()) {
      if (!u.toString().equals(first.toString())) {
        order.add(u);
      }
    }
    return order;
  }

  /** roots/EPOCH-SIZE.json of {@code upstream} for a gap walk, verified, at most {@code cap} bytes. */
  private Fetched fetchRoot(StreamUrl upstream, StreamAnnounce announce, long epoch, long size, long cap)
      throws FetchFailure {
    URI uri = upstream.resolve(StreamLayout.root(rendition, epoch, size));
    byte[] bytes = http.require(uri, cap);
    Signed<ManifestRoot> root = verify(bytes, announce, uri);
    return new Fetched(root, root.envelope().toCanonicalBytes());
  }

  /** The walked roots the tracker accepted (all of them, unless a step failed), in order. */
  private void handOver(List<Fetched> walked) {
    ManifestRoot last = tracker.last().map(Signed::content).orElse(null);
    for (Fetched f : walked) {
      ManifestRoot r = f.root().content();
      if (last != null && (r.epoch() < last.epoch() || (r.epoch() == last.epoch() && r.treeSize() <= last.treeSize()))) {
        listener.accepted(f.root(), f.bytes());
      }
    }
    tracker.last().ifPresent(r -> accepted = r.content());
  }

  private Signed<ManifestRoot> verify(byte[] bytes, StreamAnnounce announce, URI uri) throws FetchFailure {
    try {
      return Verifier.verifyManifest(bytes, announce, rendition);
    } catch (VerificationException e) {
      throw FetchFailure.refused(uri.toString(), e);
    }
  }
}
