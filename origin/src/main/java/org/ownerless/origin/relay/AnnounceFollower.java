package org.ownerless.origin.relay;

import org.ownerless.protocol.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.ownerless.origin.verify.StreamUrl;
import org.ownerless.protocol.json.StrictJson;
import org.ownerless.protocol.layout.MasterPlaylist;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.model.StreamId;
import org.ownerless.protocol.verify.AnnounceTracker;
import org.ownerless.protocol.verify.Problem;
import org.ownerless.protocol.verify.Signed;
import org.ownerless.protocol.verify.VerificationException;
import org.ownerless.protocol.verify.Verifier;

/**
 * Follows the stream's signed announce: verified against the creator key of PUB/NAME and accepted by
 * an {@link AnnounceTracker} (no rollback to an older seq, equivocation detected), then copied
 * verbatim to the mirror and followed by a master playlist written from its renditions.
 */
final class AnnounceFollower {
  private final StreamId stream;
  private final Path dir;
  private final UpstreamHttp http;
  private final UpstreamChoice upstreams;
  private final Consumer<StreamAnnounce> onNew;
  private final AnnounceTracker tracker;
  private volatile StreamAnnounce current;
  private String etag;
  private StreamUrl etagFrom;
  private long notFoundSince;

  AnnounceFollower(StreamId stream, Path dir, UpstreamHttp http, UpstreamChoice upstreams,
      Consumer<StreamAnnounce> onNew) {
    this.stream = stream;
    this.dir = dir;
    this.http = http;
    this.upstreams = upstreams;
    this.onNew = onNew;
    this.tracker = new AnnounceTracker(stream);
  }

  /** The newest accepted announce, or null before the first. */
  StreamAnnounce current() {
    return current;
  }

  void poll() {
    StreamUrl upstream = upstreams.current();
    try {
      UpstreamHttp.Response r;
      try {
        r = http.get(upstream.resolve(StreamLayout.ANNOUNCE), StrictJson.MAX_BYTES, upstream.equals(etagFrom) ? etag : null);
      } catch (UpstreamHttp.NotFound e) {
        // An upstream that is up but does not carry the stream yet (a node before its first publish,
        // a relay just started) gets a grace period before it counts as failing.
        long now = System.currentTimeMillis();
        notFoundSince = notFoundSince == 0 ? now : notFoundSince;
        if (now - notFoundSince <= RenditionFollower.MANIFEST_GRACE_MS) {
          return;
        }
        notFoundSince = 0;
        throw new UpstreamFailure(Problem.UNAVAILABLE, e.getMessage());
      }
      notFoundSince = 0;
      if (r.notModified()) {
        return;
      }
      long now = System.currentTimeMillis();
      Signed<StreamAnnounce> signed;
      try {
        signed = Verifier.verifyAnnounce(r.body(), stream.creator(), now);
        tracker.accept(signed, now);
      } catch (VerificationException e) {
        throw new UpstreamFailure(e.problem(), upstream + StreamLayout.ANNOUNCE + ": " + e.getMessage());
      }
      if (tracker.current().orElseThrow() == signed) {
        publish(signed.content(), r.body());
      }
      etag = r.etag();
      etagFrom = upstream;
    } catch (UpstreamFailure f) {
      etag = null;
      if (!Thread.currentThread().isInterrupted()) { // interrupted: the relay is closing, not the upstream failing
        upstreams.reportFailure(upstream, f.problem(), f.getMessage());
      }
    }
  }

  private void publish(StreamAnnounce a, byte[] verbatim) {
    try {
      AtomicFiles.write(dir.resolve(StreamLayout.ANNOUNCE), verbatim);
      AtomicFiles.writeString(dir.resolve(StreamLayout.MASTER_PLAYLIST), MasterPlaylist.render(a.renditions()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the announce mirror in " + dir, e);
    }
    current = a;
    upstreams.addHints(a.origins());
    onNew.accept(a);
  }
}
