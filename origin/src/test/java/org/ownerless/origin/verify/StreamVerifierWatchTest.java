package org.ownerless.origin.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.origin.follow.StreamUrl;
import org.ownerless.origin.testing.SignedStreamFiles;
import org.ownerless.origin.testing.TestUpstream;

/**
 * {@code verify --watch} runs for as long as the stream does: what it remembers between passes is
 * bounded by the signed window, not by the length of the stream, and no segment is fetched twice.
 */
class StreamVerifierWatchTest {
  private static final int ROUNDS = 3 * SignedStreamFiles.WINDOW; // the window slides well past its first segments

  @TempDir Path tmp;

  @Test
  void verifiedSegmentsAreRememberedOnlyWhileTheWindowListsThem() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp, List.of("src", "low"));
    try (TestUpstream origin = new TestUpstream(creator.streamsDir)) {
      StreamVerifier verifier = new StreamVerifier(StreamUrl.forStream(origin.url(), creator.stream), null,
          Duration.ofSeconds(5));
      int verified = 0;
      for (int round = 0; round < ROUNDS; round++) {
        creator.addSegment("src");
        creator.addSegment("low");
        PassResult pass = verifier.pass();
        assertThat(pass.failures()).isEmpty();
        verified += pass.newSegments();
        assertThat(verifier.segmentsRemembered()).isLessThanOrEqualTo(2 * SignedStreamFiles.WINDOW);
      }
      assertThat(verified).isEqualTo(2 * ROUNDS);
      assertThat(origin.requestsFor(".ts")).isEqualTo(2 * ROUNDS);
    }
  }
}
