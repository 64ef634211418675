package org.ownerless.origin.verify;

import org.ownerless.protocol.verify.Problem;

/** One thing that did not verify: where (announce, a rendition, a segment), the problem, the detail. */
public record Failure(String where, Problem problem, String message) {
  @Override
  public String toString() {
    return where + ": " + problem + ": " + message;
  }
}
