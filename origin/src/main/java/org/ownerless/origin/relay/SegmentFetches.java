package org.ownerless.origin.relay;

import org.ownerless.protocol.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.ownerless.origin.verify.StreamUrl;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.verify.Problem;
import org.ownerless.protocol.verify.VerificationException;
import org.ownerless.protocol.verify.Verifier;

/**
 * Brings verified segments into the mirror, one upstream fetch per segment however many ask for it
 * at once: the relay's own follower and every client request for a listed-but-not-yet-mirrored
 * segment join the same in-flight future. The bytes are checked against the signed entry (length
 * and SHA-256) before they are written, so the mirror never holds a byte the creator did not sign.
 */
public final class SegmentFetches {
  private final UpstreamHttp http;
  private final Executor executor;
  private final ConcurrentHashMap<Path, CompletableFuture<Path>> inFlight = new ConcurrentHashMap<>();

  SegmentFetches(UpstreamHttp http, Executor executor) {
    this.http = http;
    this.executor = executor;
  }

  /**
   * The mirrored file {@code target} of {@code entry}, fetched from {@code upstream}'s rendition
   * directory if it is not there yet. Fails with an {@link UpstreamFailure} (UNAVAILABLE or
   * SEGMENT_MISMATCH), in which case nothing was written.
   */
  public CompletableFuture<Path> mirror(StreamUrl upstream, String rendition, SegmentEntry entry, Path target) {
    if (isMirrored(entry, target)) {
      return CompletableFuture.completedFuture(target);
    }
    CompletableFuture<Path> created = new CompletableFuture<>();
    CompletableFuture<Path> running = inFlight.putIfAbsent(target, created);
    if (running != null) {
      return running;
    }
    executor.execute(() -> {
      try {
        fetch(upstream, rendition, entry, target);
        inFlight.remove(target, created); // the file is in place: later callers find it on disk
        created.complete(target);
      } catch (Throwable t) {
        inFlight.remove(target, created);
        created.completeExceptionally(t);
      }
    });
    return created;
  }

  /** Segments in flight now (for tests and metrics). */
  public int inFlight() {
    return inFlight.size();
  }

  private void fetch(StreamUrl upstream, String rendition, SegmentEntry entry, Path target)
      throws UpstreamFailure, IOException {
    if (isMirrored(entry, target)) {
      return; // raced with a fetch that just finished
    }
    byte[] bytes = http.require(upstream.resolve(rendition + "/" + entry.uri()), entry.size());
    try {
      Verifier.verifySegment(entry, bytes);
    } catch (VerificationException e) {
      throw new UpstreamFailure(e.problem(), upstream + rendition + "/" + entry.uri() + ": " + e.getMessage());
    }
    AtomicFiles.write(target, bytes);
  }

  /** Only verified bytes are ever written under a segment's name, and names are never reused. */
  private static boolean isMirrored(SegmentEntry entry, Path target) {
    try {
      return Files.size(target) == entry.size();
    } catch (IOException e) {
      return false;
    }
  }

  static Problem problemOf(Throwable t) {
    Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    return cause instanceof UpstreamFailure f ? f.problem() : Problem.UNAVAILABLE;
  }
}
