package org.ownerless.origin.follow;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ownerless.protocol.json.StrictJson;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.model.InitSection;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.model.StreamId;
import org.ownerless.protocol.verify.Signed;
import org.ownerless.protocol.verify.VerificationException;
import org.ownerless.protocol.verify.Verifier;

/**
 * Follows one signed stream on servers nobody has to trust — the one follower behind both a relay
 * (follow and write) and `verify URL` (follow and report). It reads through one bounded HTTP
 * client, accepts an announce only if it supersedes the last, a root only if it provably extends
 * the last (walking gaps), and a segment only if its bytes match the signed entry. Which server it
 * reads is the {@link UpstreamChoice}'s; a caller reports a failure there to move on.
 *
 * <p>Thread-safety: the announce is polled by one thread, each rendition by one thread (its own or
 * the same), segments by any; {@link #announce()} and {@link #root} may be read from anywhere.
 */
public final class StreamFollower {
  /** How a follower reads: the deadline of each request and how long a 404 is forgiven. */
  public record Settings(Duration timeout, Duration notFoundGrace) {}

  /**
   * Told of what the follower accepts, in order, with the canonical bytes of each verified object
   * (JCS, as a node publishes them; a relay writes these, never what an upstream sent).
   */
  public interface Listener {
    default void announceAccepted(Signed<StreamAnnounce> announce, byte[] bytes) {}

    default void rootAccepted(String rendition, Signed<ManifestRoot> root, byte[] bytes) {}
  }

  private final StreamId stream;
  private final UpstreamChoice upstreams;
  private final BoundedHttp http;
  private final Settings settings;
  private final Listener listener;
  private final AnnounceFollow announce;
  private final Map<String, RootFollow> renditions = new ConcurrentHashMap<>();

  public StreamFollower(StreamId stream, UpstreamChoice upstreams, Settings settings, Listener listener) {
    this.stream = stream;
    this.upstreams = upstreams;
    this.http = new BoundedHttp(settings.timeout());
    this.settings = settings;
    this.listener = listener;
    this.announce = new AnnounceFollow(stream, http, settings.notFoundGrace());
  }

  public StreamId stream() {
    return stream;
  }

  public UpstreamChoice upstreams() {
    return upstreams;
  }

  /** The newest accepted announce, or null before the first. */
  public StreamAnnounce announce() {
    return announce.current();
  }

  /** The newest accepted root of {@code rendition}, or null. */
  public ManifestRoot root(String rendition) {
    RootFollow f = renditions.get(rendition);
    return f == null ? null : f.accepted();
  }

  /** Reads {@code upstream}'s announce; a newly accepted one adds its origins to the upstream choice. */
  public void pollAnnounce(StreamUrl upstream) throws FetchFailure {
    AnnounceFollow.Accepted accepted = announce.poll(upstream);
    if (announce.found()) {
      upstreams.reportSuccess(upstream);
    }
    if (accepted != null) {
      upstreams.addHints(accepted.announce().content().origins());
      listener.announceAccepted(accepted.announce(), accepted.bytes());
    }
  }

  /** Reads {@code upstream}'s newest root of {@code rendition}; nothing before an announce is accepted. */
  public void pollRoots(String rendition, StreamUrl upstream) throws FetchFailure {
    StreamAnnounce a = announce.current();
    if (a == null) {
      return;
    }
    RootFollow follow = renditions.computeIfAbsent(rendition, r -> new RootFollow(r, http, settings.notFoundGrace(),
        upstreams::all, (root, bytes) -> listener.rootAccepted(r, root, bytes)));
    follow.poll(upstream, a);
    if (follow.found()) {
      upstreams.reportSuccess(upstream);
    }
  }

  /**
   * The validly signed root of {@code rendition} that {@code other} — an upstream not being read —
   * serves, if it is newer than the one accepted (a later epoch or a larger tree); null otherwise.
   * Only looks: nothing is accepted here, so any thread may ask while the rendition's poller runs.
   * A caller that wants that state reads {@code other} from then on ({@link UpstreamChoice#prefer}),
   * and the poller accepts it the usual way (proofs, gap walk). Being behind, failing or missing the
   * file is not held against {@code other}: mirrors lag by design, and it is not the one being read.
   */
  public ManifestRoot aheadAt(String rendition, StreamUrl other) {
    StreamAnnounce a = announce.current();
    if (a == null) {
      return null;
    }
    ManifestRoot had = root(rendition);
    URI uri = other.resolve(StreamLayout.manifest(rendition));
    try {
      BoundedHttp.Answer answer = http.get(uri, StrictJson.MAX_BYTES, null);
      if (answer.notFound()) {
        return null;
      }
      ManifestRoot there = Verifier.verifyManifest(answer.body(), a, rendition).content();
      boolean newer = had == null || there.epoch() > had.epoch()
          || there.epoch() == had.epoch() && there.treeSize() > had.treeSize();
      return newer ? there : null;
    } catch (FetchFailure | VerificationException notAnAnswer) {
      return null;
    }
  }

  /** The bytes of {@code entry} from {@code upstream}, never more than its signed size, verified. */
  public byte[] segment(StreamUrl upstream, String rendition, SegmentEntry entry) throws FetchFailure {
    return verified(upstream, rendition, entry.uri(), entry.size(), bytes -> Verifier.verifySegment(entry, bytes));
  }

  /**
   * An init section of {@code rendition} from {@code upstream}, read to at most its signed size (one
   * byte more is refused) and checked against the signed {@code inits} item, like a segment.
   */
  public byte[] init(StreamUrl upstream, String rendition, InitSection init) throws FetchFailure {
    return verified(upstream, rendition, init.uri(), init.size(), bytes -> Verifier.verifyInit(init, bytes));
  }

  /** A check of fetched bytes against what is signed for them. */
  private interface SignedBytes {
    void verify(byte[] bytes) throws VerificationException;
  }

  /** The file {@code file} of {@code rendition}, at most {@code size} bytes, once {@code check} accepts it. */
  private byte[] verified(StreamUrl upstream, String rendition, String file, long size, SignedBytes check)
      throws FetchFailure {
    URI uri = upstream.resolve(StreamLayout.inRendition(rendition, file));
    byte[] bytes = http.require(uri, size);
    try {
      check.verify(bytes);
    } catch (VerificationException e) {
      throw FetchFailure.refused(uri.toString(), e);
    }
    return bytes;
  }

  /**
   * An unsigned file of the stream (a playlist), at most {@code maxBytes}: only for comparing with
   * what is signed, never for trusting.
   */
  public byte[] unsigned(StreamUrl upstream, String relative, long maxBytes) throws FetchFailure {
    return http.require(upstream.resolve(relative), maxBytes);
  }

  /** Tells the upstream choice that {@code upstream} failed, unless the follower is being shut down. */
  public void report(StreamUrl upstream, FetchFailure failure) {
    if (!Thread.currentThread().isInterrupted()) { // interrupted: closing, not the upstream failing
      upstreams.reportFailure(upstream, failure);
    }
  }
}
