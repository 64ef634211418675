package org.ownerless.origin.follow;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ownerless.protocol.json.StrictJson;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.verify.RootTracker;
import org.ownerless.protocol.verify.Signed;
import org.ownerless.protocol.verify.VerificationException;
import org.ownerless.protocol.verify.Verifier;

/**
 * Follows one rendition's signed log on the upstreams: conditional polls of {@code manifest.json};
 * a new root is verified against the announce and accepted by a {@link RootTracker}, which closes a
 * gap by walking the upstream's {@code roots/N.json}. The log a follower accepts therefore never
 * rolls back or forks, whichever upstream it reads. Every root accepted — the walked ones too, even
 * when a later step fails — is handed to the listener once, in order, with the bytes that were
 * signed. Not thread-safe: one poller per rendition.
 */
final class RootFollow {
  /** Told of each accepted root of one rendition. */
  interface Listener {
    void accepted(Signed<ManifestRoot> root, byte[] bytes);
  }

  private record Fetched(Signed<ManifestRoot> root, byte[] bytes) {}

  private final String rendition;
  private final BoundedHttp http;
  private final NotFoundGrace notFound;
  private final Listener listener;
  private final RootTracker tracker = new RootTracker();
  private volatile ManifestRoot accepted;
  private String etag;
  private StreamUrl etagFrom;

  RootFollow(String rendition, BoundedHttp http, Duration notFoundGrace, Listener listener) {
    this.rendition = rendition;
    this.http = http;
    this.notFound = new NotFoundGrace(notFoundGrace);
    this.listener = listener;
  }

  /** The newest accepted root, or null; safe from any thread. */
  ManifestRoot accepted() {
    return accepted;
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
    if (answer.notFound()) {
      notFound.notFound(uri);
      return;
    }
    notFound.found();
    if (answer.notModified()) {
      return;
    }
    Signed<ManifestRoot> newest = verify(answer.body(), announce, uri);
    List<Fetched> walked = new ArrayList<>();
    FetchFailure[] walkFailure = {null};
    try {
      tracker.accept(newest, size -> {
        Fetched f = fetchRoot(upstream, announce, size, walkFailure);
        walked.add(f);
        return f.root();
      });
    } catch (VerificationException e) {
      handOver(walked);
      throw walkFailure[0] != null ? walkFailure[0] : FetchFailure.refused(uri.toString(), e);
    }
    handOver(walked);
    if (tracker.last().orElseThrow() == newest) {
      listener.accepted(newest, answer.body());
    }
    accepted = tracker.last().orElseThrow().content();
    etag = answer.etag();
    etagFrom = upstream;
  }

  /** roots/SIZE.json for a gap walk; a failure is kept as it was (URL and all) for the caller. */
  private Fetched fetchRoot(StreamUrl upstream, StreamAnnounce announce, long size, FetchFailure[] failure)
      throws VerificationException {
    URI uri = upstream.resolve(StreamLayout.root(rendition, size));
    try {
      byte[] bytes = http.require(uri, StrictJson.MAX_BYTES);
      return new Fetched(verify(bytes, announce, uri), bytes);
    } catch (FetchFailure f) {
      failure[0] = f;
      throw new VerificationException(f.problem(), f.getMessage());
    }
  }

  /** The walked roots the tracker accepted (all of them, unless a step failed), in order. */
  private void handOver(List<Fetched> walked) {
    long acceptedSize = tracker.last().map(r -> r.content().treeSize()).orElse(-1L);
    for (Fetched f : walked) {
      if (f.root().content().treeSize() <= acceptedSize) {
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
