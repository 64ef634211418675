package org.ownerless.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.testing.CapturedLog;
import org.ownerless.app.testing.TestPublisher;
import org.ownerless.manifest.SigningClock;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.signing.SignedObject;
import org.ownerless.protocol.verify.Verifier;

/**
 * The node's wall clock is stepped back an hour and then forward again while it streams: a
 * verifier on the real time accepts every announce and root throughout, the log keeps growing, and
 * no signed time ever goes back (docs/protocol.md §4.4.2). The clock is stepped in-process
 * ({@link SteppableClock} as the node's wall clock): libfaketime under a node JVM made the JVM's
 * periodic threads spin, several times the CPU, too slow to start a node on a loaded machine.
 */
@Tag("e2e")
class NodeClockStepTest {
  private static final Duration HOUR = Duration.ofHours(1);
  @TempDir Path data;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Signer creator = Signer.generate();
  private final SteppableClock clock = new SteppableClock();

  @Test
  void steppingTheNodesClockBackAndForwardNeitherStallsTheStreamNorMakesWhatItSignsRefused() throws Exception {
    long startedMs = System.currentTimeMillis();
    NodeSettings settings = NodeSettings.builder().name("show").dataDir(data).host("127.0.0.1").httpPort(0)
        .rtmpPort(0).publishToken("clock-token").ladder("src").segmentSeconds(1.0).build();
    try (CapturedLog log = new CapturedLog(SigningClock.class); Node node = Node.start(settings, creator, clock)) {
      VerifierWatch watcher = new VerifierWatch(node.streamUrl());
      Process publisher = TestPublisher.start(node.obsServer(), node.obsStreamKey(), 120,
          data.resolve("publisher.log").toFile(), "testsrc", 15);
      try {
        long size = watcher.until(s -> s >= 2, Duration.ofSeconds(40));
        watcher.forgetFailures(); // before the first segment the stream is not there yet (UNAVAILABLE): not the subject

        clock.set(HOUR.negated());
        size = afterStep(node, watcher, size);
        assertThat(log.linesContaining("the system clock stepped back by")).hasSize(1);

        clock.set(Duration.ZERO);
        afterStep(node, watcher, size);
        assertThat(log.linesContaining("the system clock has caught up with the signed time")).hasSize(1);
      } finally {
        publisher.destroyForcibly().waitFor();
      }
      assertThat(watcher.failures).as("what the verifier on the real time refused").isEmpty();
      assertSignedTimesNeverWentBack(node, startedMs);
    }
  }

  /** The stream grows on, and the announce is re-signed after the step, dated right for the world. */
  private long afterStep(Node node, VerifierWatch watcher, long size) throws Exception {
    long steppedAtMs = System.currentTimeMillis();
    long grown = watcher.until(s -> s >= size + 3, Duration.ofSeconds(30));
    StreamAnnounce a = Awaitility.await("an announce signed after the step").atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(500)).until(() -> announce(node), x -> x.issuedAtMs() > steppedAtMs);
    assertThat(a.issuedAtMs()).isLessThanOrEqualTo(System.currentTimeMillis());
    return grown;
  }

  /** Every root signed, in order of size: timeMs never decreases and stays within the real time of the test. */
  private void assertSignedTimesNeverWentBack(Node node, long startedMs) throws Exception {
    ManifestRoot newest = root(node, "manifest.json");
    long endedMs = System.currentTimeMillis(); // every root up to newest was signed by now
    long previous = Long.MIN_VALUE;
    for (long n = 1; n <= newest.treeSize(); n++) {
      long t = root(node, "roots/" + newest.epoch() + "-" + n + ".json").timeMs();
      assertThat(t).as("timeMs of root %d", n).isGreaterThanOrEqualTo(previous).isBetween(startedMs, endedMs);
      previous = t;
    }
  }

  private ManifestRoot root(Node node, String file) throws Exception {
    return ManifestRoot.fromSigned(SignedObject.parse(get(node.streamUrl() + "src/" + file)));
  }

  /** The node's announce, as a viewer on the real time accepts it (not expired, not from the future). */
  private StreamAnnounce announce(Node node) throws Exception {
    return Verifier.verifyAnnounce(get(node.streamUrl() + "announce.json"), creator.publicKey(),
        System.currentTimeMillis()).content();
  }

  private byte[] get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
  }

}
