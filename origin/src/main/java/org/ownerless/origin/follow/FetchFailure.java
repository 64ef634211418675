package org.ownerless.origin.follow;

import org.ownerless.protocol.verify.Problem;
import org.ownerless.protocol.verify.VerificationException;

/**
 * What a server did wrong with one file: a protocol problem name (UNAVAILABLE for anything on the
 * way — status, timeout, oversize, connection) and the detail, starting with the file's URL.
 * Expected and reported as one line, so it carries no stack trace.
 */
public final class FetchFailure extends Exception {
  private final Problem problem;

  public FetchFailure(Problem problem, String message) {
    super(message, null, false, false);
    this.problem = problem;
  }

  /** A file that arrived but did not verify, named by where it came from. */
  static FetchFailure refused(String where, VerificationException e) {
    return new FetchFailure(e.problem(), where + ": " + e.getMessage()
        + e.equivocation().map(p -> " — proof: " + p).orElse(""));
  }

  public Problem problem() {
    return problem;
  }
}
