package org.ownerless.origin.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.origin.follow.StreamUrl;
import org.ownerless.origin.testing.SignedStreamFiles;
import org.ownerless.origin.testing.TestUpstream;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.model.StreamStatus;
import org.ownerless.protocol.verify.Problem;

/** `verify` never calls 50-minute-old content of a live stream OK (docs/protocol.md §4.4.1). */
class StreamVerifierFreshnessTest {
  @TempDir Path tmp;

  @Test
  void aGenuineButFiftyMinuteOldLiveRootIsReportedStale() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp, List.of("src"));
    long then = System.currentTimeMillis() - Duration.ofMinutes(50).toMillis();
    creator.clock = () -> then;
    creator.announce(StreamStatus.LIVE, then, Duration.ofHours(1)); // still valid: the announce TTL is not the point
    creator.addSegment("src");
    creator.addSegment("src");
    try (TestUpstream mirror = new TestUpstream(creator.streamsDir)) {
      PassResult pass = verifier(mirror, creator).pass();
      assertThat(pass.failures()).extracting(Failure::problem).containsExactly(Problem.STALE);
      assertThat(pass.failures().get(0).message()).startsWith("newest root (size 2) was signed 30")
          .endsWith("a live stream's is at most 30 s old");
    }
  }

  @Test
  void aFreshRootAndAnEndedStreamsOldRootAreNotStale() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp, List.of("src"));
    creator.addSegment("src");
    try (TestUpstream origin = new TestUpstream(creator.streamsDir)) {
      assertThat(verifier(origin, creator).pass().failures()).isEmpty();
    }
    long then = System.currentTimeMillis() - Duration.ofMinutes(50).toMillis();
    creator.clock = () -> then;
    creator.addSegment("src");
    creator.announce(StreamStatus.ENDED); // a recording is as old as it is
    try (TestUpstream origin = new TestUpstream(creator.streamsDir)) {
      assertThat(verifier(origin, creator).pass().failures()).isEmpty();
    }
  }

  @Test
  void aMirrorServingRootsBelowWhatTheAnnounceSignsIsReportedStale() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp, List.of("src"));
    creator.addSegment("src");
    creator.addSegment("src");
    Path manifest = creator.dir.resolve("src").resolve(StreamLayout.MANIFEST);
    byte[] frozen = Files.readAllBytes(manifest);
    creator.addSegment("src");
    creator.announce(StreamStatus.LIVE); // signs that src reached size 3
    // A mirror that keeps copying the announce but whose manifest stopped at size 2: every file
    // genuine, the root a few seconds old, and still behind what the creator signs it has published.
    Files.write(manifest, frozen);
    try (TestUpstream mirror = new TestUpstream(creator.streamsDir)) {
      PassResult pass = verifier(mirror, creator).pass();
      assertThat(pass.failures()).extracting(Failure::problem).containsExactly(Problem.STALE);
      assertThat(pass.failures().get(0).message()).isEqualTo("newest root is epoch 1 size 2, but the announce (seq "
          + pass.announceSeq() + ") signs that the creator had published epoch 1 size 3");
    }
  }

  private static StreamVerifier verifier(TestUpstream upstream, SignedStreamFiles creator) {
    return new StreamVerifier(StreamUrl.forStream(upstream.url(), creator.stream), null, Duration.ofSeconds(5));
  }
}
