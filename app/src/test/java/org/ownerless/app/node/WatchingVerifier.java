package org.ownerless.app.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.ownerless.origin.follow.StreamUrl;
import org.ownerless.origin.verify.Failure;
import org.ownerless.origin.verify.PassResult;
import org.ownerless.origin.verify.StreamVerifier;

/** An outside verifier (`verify URL --watch`) passing over a node's stream, keeping every failure it reports. */
final class WatchingVerifier {
  private final StreamVerifier verifier;
  private final List<Failure> failures = new ArrayList<>();

  WatchingVerifier(String streamUrl) {
    verifier = new StreamVerifier(StreamUrl.parse(streamUrl), null, Duration.ofSeconds(5));
  }

  /** Passes until the src log's verified size satisfies {@code done}; returns that size. */
  long untilSize(LongPredicate done, Duration timeout) {
    AtomicLong size = new AtomicLong(-1);
    try {
      return Awaitility.await().atMost(timeout).pollInSameThread().pollInterval(Duration.ofMillis(300)).until(() -> {
        PassResult r = verifier.pass();
        failures.addAll(r.failures());
        size.set(r.treeSizes().getOrDefault("src", size.get()));
        return size.get();
      }, s -> s >= 0 && done.test(s));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("log size stayed at " + size + "; failures: " + failures, e);
    }
  }

  /** Every failure reported so far. */
  List<Failure> failures() {
    return failures;
  }

  /** Forgets the failures so far (e.g. those of a stream not yet started). */
  void forgetFailures() {
    failures.clear();
  }
}
