package org.ownerless.origin.relay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.ownerless.origin.follow.FetchFailure;
import org.ownerless.origin.follow.StreamFollower;
import org.ownerless.origin.follow.StreamUrl;
import org.ownerless.protocol.io.AtomicFiles;
import org.ownerless.protocol.model.InitSection;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.verify.Problem;

/**
 * Brings verified segments into the mirror, one upstream fetch per segment however many ask for it
 * at once: the relay's own follower and every client request for a listed-but-not-yet-mirrored
 * segment join the same in-flight future. The follower checks the bytes against the signed entry
 * (length and SHA-256) before they are written, so the mirror never holds a byte the creator did
 * not sign.
 */
public final class SegmentFetches {
  private final StreamFollower follower;
  private final Executor executor;
  private final ConcurrentHashMap<Path, CompletableFuture<Path>> inFlight = new ConcurrentHashMap<>();

  SegmentFetches(StreamFollower follower, Executor executor) {
    this.follower = follower;
    this.executor = executor;
  }

  /**
   * The mirrored file {@code target} of {@code entry}, fetched from {@code upstream}'s rendition
   * directory if it is not there yet. Fails with a {@link FetchFailure} (UNAVAILABLE or
   * SEGMENT_MISMATCH), in which case nothing was written.
   */
  public CompletableFuture<Path> mirror(StreamUrl upstream, String rendition, SegmentEntry entry, Path target) {
    return mirror(target, entry.size(), () -> follower.segment(upstream, rendition, entry));
  }

  /** As {@link #mirror} for an init section the window's entries name (fMP4): checked against its signed item. */
  public CompletableFuture<Path> mirrorInit(StreamUrl upstream, String rendition, InitSection init, Path target) {
    return mirror(target, init.size(), () -> follower.init(upstream, rendition, init));
  }

  /** Bytes from upstream that match what is signed for them, or a {@link FetchFailure}. */
  private interface VerifiedFetch {
    byte[] fetch() throws FetchFailure;
  }

  private CompletableFuture<Path> mirror(Path target, long size, VerifiedFetch verified) {
    if (isMirrored(size, target)) {
      return CompletableFuture.completedFuture(target);
    }
    CompletableFuture<Path> created = new CompletableFuture<>();
    CompletableFuture<Path> running = inFlight.putIfAbsent(target, created);
    if (running != null) {
      return running;
    }
    executor.execute(() -> {
      try {
        fetch(size, target, verified);
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

  private static void fetch(long size, Path target, VerifiedFetch verified) throws FetchFailure, IOException {
    if (isMirrored(size, target)) {
      return; // raced with a fetch that just finished
    }
    AtomicFiles.publish(target, verified.fetch());
  }

  /**
   * Only verified bytes are ever written under a segment's or init section's name, and names are
   * never reused (an init's name is its hash).
   */
  private static boolean isMirrored(long size, Path target) {
    try {
      return Files.size(target) == size;
    } catch (IOException e) {
      return false;
    }
  }

  /** What a failed {@link #mirror} future says went wrong, as one failure to report. */
  static FetchFailure failureOf(Throwable t) {
    Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    return cause instanceof FetchFailure f ? f : new FetchFailure(Problem.UNAVAILABLE, String.valueOf(cause.getMessage()));
  }
}
