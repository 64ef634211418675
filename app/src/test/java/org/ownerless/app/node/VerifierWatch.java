package org.ownerless.app.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.ownerless.app.testing.NodeProcess;
import org.ownerless.origin.follow.StreamUrl;
import org.ownerless.origin.verify.Failure;
import org.ownerless.origin.verify.PassResult;
import org.ownerless.origin.verify.StreamVerifier;

/**
 * `verify --watch` from a test: verifier passes over a node's stream until its "src" log reaches a
 * size, keeping every failure any pass reported, so a test sees what a viewer watching across a
 * crash or an outage would have seen. Keeps its verifier's state (accepted roots) between calls.
 */
final class VerifierWatch {
  final List<Failure> failures = new ArrayList<>();
  private final StreamVerifier verifier;

  VerifierWatch(String streamUrl) {
    this.verifier = new StreamVerifier(StreamUrl.parse(streamUrl), null, Duration.ofSeconds(5));
  }

  /** Something to do before each pass (e.g. keep a disk full). */
  @FunctionalInterface
  interface Meanwhile {
    void run() throws Exception;
  }

  long until(NodeProcess node, LongPredicate done, Duration timeout) {
    return until(node, done, timeout, () -> {});
  }

  /** Passes until the log's size satisfies {@code done}, for a node in this JVM. Returns the size. */
  long until(LongPredicate done, Duration timeout) {
    return passUntil(Awaitility.await(), done, timeout, () -> {});
  }

  /** Forgets the failures so far (e.g. those of a stream not yet started). */
  void forgetFailures() {
    failures.clear();
  }

  /** Passes until the log's size satisfies {@code done}; fails at once if {@code node} exits. Returns the size. */
  long until(NodeProcess node, LongPredicate done, Duration timeout, Meanwhile meanwhile) {
    return passUntil(Awaitility.await().failFast("the node exited", () -> !node.process.isAlive()), done, timeout,
        meanwhile);
  }

  private long passUntil(ConditionFactory await, LongPredicate done, Duration timeout, Meanwhile meanwhile) {
    AtomicLong size = new AtomicLong(-1);
    try {
      return await.atMost(timeout).pollInSameThread().pollInterval(Duration.ofMillis(300))
          .until(() -> {
            meanwhile.run();
            PassResult r = verifier.pass();
            failures.addAll(r.failures());
            size.set(r.treeSizes().getOrDefault("src", size.get()));
            return size.get();
          }, s -> s >= 0 && done.test(s));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("log size stayed at " + size + "; failures: " + failures, e);
    }
  }
}
