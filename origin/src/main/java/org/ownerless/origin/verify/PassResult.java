package org.ownerless.origin.verify;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one verification pass over a stream.
 *
 * @param treeSizes accepted log size per rendition
 * @param newSegments segments downloaded and verified in this pass
 * @param ended the announce says ended and every playlist carries ENDLIST
 */
public record PassResult(List<Failure> failures, long announceSeq, Map<String, Long> treeSizes, int newSegments,
    boolean ended) {
  public boolean ok() {
    return failures.isEmpty();
  }
}
