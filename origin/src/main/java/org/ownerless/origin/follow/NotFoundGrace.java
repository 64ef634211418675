package org.ownerless.origin.follow;

import java.net.URI;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.ownerless.protocol.verify.Problem;

/**
 * How long a file may answer 404 before that counts as a failure. An upstream that is up but does
 * not carry the stream yet (a node before its first segment, a relay just started) deserves a grace
 * period; a one-off check (`verify`) has none. Not thread-safe: one per poller.
 */
final class NotFoundGrace {
  private final long graceMs;
  private final LongSupplier clockMs;
  private long since;
  private boolean missing;

  NotFoundGrace(Duration grace) {
    this(grace, System::currentTimeMillis);
  }

  NotFoundGrace(Duration grace, LongSupplier clockMs) {
    this.graceMs = grace.toMillis();
    this.clockMs = clockMs;
  }

  /** The file answered 404: fine within the grace period, a failure after it. */
  void notFound(URI uri) throws FetchFailure {
    long now = clockMs.getAsLong();
    if (!missing) {
      missing = true;
      since = now;
    }
    if (graceMs == 0 || now - since > graceMs) {
      missing = false;
      throw new FetchFailure(Problem.UNAVAILABLE, uri + ": HTTP 404");
    }
  }

  void found() {
    missing = false;
  }
}
