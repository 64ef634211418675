package org.ownerless.origin.follow;

import java.net.URI;
import java.time.Duration;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.model.StreamId;
import org.ownerless.protocol.verify.AnnounceTracker;
import org.ownerless.protocol.verify.Problem;
import org.ownerless.protocol.verify.Signed;
import org.ownerless.protocol.verify.VerificationException;
import org.ownerless.protocol.verify.Verifier;

/**
 * Follows a stream's signed announce on its upstreams: conditional polls of {@code announce.json},
 * each new one verified against the creator key of PUB/NAME and accepted by an
 * {@link AnnounceTracker} (no rollback to an older seq, equivocation detected). An announce that
 * expires while the upstream keeps answering "not modified" is refused like an expired one served
 * afresh. Not thread-safe: one poller.
 */
final class AnnounceFollow {
  /**
   * An announce accepted by a poll, with its canonical bytes (JCS of what was verified), never the
   * bytes as received: an upstream may have re-encoded or re-spaced them, and a relay writes these.
   */
  record Accepted(Signed<StreamAnnounce> announce, byte[] bytes) {}

  /**
   * The largest announce read: its longest legal form (16 origin and 16 tracker hints of 2 KiB, 16
   * renditions, tip targets) is well under 128 KiB, so a padded or endless one costs at most this.
   */
  static final int MAX_BYTES = 256 * 1024;

  private final StreamId stream;
  private final BoundedHttp http;
  private final NotFoundGrace notFound;
  private final AnnounceTracker tracker;
  private volatile StreamAnnounce current;
  private boolean found;
  private String etag;
  private StreamUrl etagFrom;

  AnnounceFollow(StreamId stream, BoundedHttp http, Duration notFoundGrace) {
    this.stream = stream;
    this.http = http;
    this.notFound = new NotFoundGrace(notFoundGrace);
    this.tracker = new AnnounceTracker(stream);
  }

  /** The newest accepted announce, or null before the first; safe from any thread. */
  StreamAnnounce current() {
    return current;
  }

  /** Whether the last poll found the file (a 404 forgiven for a while is not an answer). */
  boolean found() {
    return found;
  }

  /** Polls {@code upstream}; returns the announce this poll accepted, or null if there is none new. */
  Accepted poll(StreamUrl upstream) throws FetchFailure {
    URI uri = upstream.resolve(StreamLayout.ANNOUNCE);
    try {
      return pollOnce(upstream, uri);
    } catch (FetchFailure f) {
      etag = null; // read it afresh from whichever upstream comes next
      throw f;
    }
  }

  private Accepted pollOnce(StreamUrl upstream, URI uri) throws FetchFailure {
    BoundedHttp.Answer answer = http.get(uri, MAX_BYTES, upstream.equals(etagFrom) ? etag : null);
    found = !answer.notFound();
    if (answer.notFound()) {
      notFound.notFound(uri);
      return null;
    }
    notFound.found();
    long now = System.currentTimeMillis();
    if (answer.notModified()) {
      StreamAnnounce held = current;
      if (held != null && held.isExpiredAt(now)) {
        throw new FetchFailure(Problem.EXPIRED, uri + ": announce seq " + held.seq() + " has expired");
      }
      return null;
    }
    Signed<StreamAnnounce> signed;
    try {
      signed = Verifier.verifyAnnounce(answer.body(), stream.creator(), now);
      StreamAnnounce held = current;
      if (held != null && signed.content().seq() < held.seq()) {
        // Older than the one held: the upstream is behind, as with roots (RootFollow), not forging.
        throw new FetchFailure(Problem.STALE, uri + ": behind: announce seq " + signed.content().seq()
            + ", this follower holds seq " + held.seq());
      }
      tracker.accept(signed, now);
    } catch (VerificationException e) {
      throw FetchFailure.refused(uri.toString(), e);
    }
    etag = answer.etag();
    etagFrom = upstream;
    if (tracker.current().orElseThrow() != signed) {
      return null; // the very announce accepted before
    }
    current = signed.content();
    return new Accepted(signed, signed.envelope().toCanonicalBytes());
  }
}
