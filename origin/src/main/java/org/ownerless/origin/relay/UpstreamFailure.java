package org.ownerless.origin.relay;

import org.ownerless.protocol.verify.Problem;

/** What an upstream did wrong: a protocol problem name (UNAVAILABLE for transport errors) and detail. */
final class UpstreamFailure extends Exception {
  private final Problem problem;

  UpstreamFailure(Problem problem, String message) {
    super(message, null, false, false); // expected and reported as one line: no stack trace needed
    this.problem = problem;
  }

  Problem problem() {
    return problem;
  }
}
