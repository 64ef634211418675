package org.ownerless.origin.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.origin.testing.SignedStreamFiles;
import org.ownerless.origin.testing.TestUpstream;
import org.ownerless.protocol.verify.Verifier;

/**
 * A relay's manifests, served through its mirror route, take blocking reloads like an origin's: a
 * request for the next segment is held until the relay has mirrored it, then answered with it.
 */
class RelayBlockingReloadTest {
  @TempDir Path tmp;

  @Test
  void aRequestForTheNextSegmentIsAnsweredOnceTheRelayHasIt() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp.resolve("upstream"), List.of("src"));
    creator.addSegment("src");
    try (TestUpstream upstream = new TestUpstream(creator.streamsDir);
        RunningRelay relay = new RunningRelay(creator.stream, List.of(upstream.url()), tmp.resolve("relay"), 64)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> relay.treeSize("src") == 1);
      CompletableFuture<HttpResponse<byte[]>> next = HttpClient.newHttpClient().sendAsync(
          HttpRequest.newBuilder(URI.create(relay.streamUrl() + "src/manifest.json?_HLS_msn=1")).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      await().atMost(Duration.ofSeconds(5))
          .until(() -> relay.metrics.find("ownerless.http.held.reloads").gauge().value() == 1);
      assertThat(next).isNotDone();

      creator.addSegment("src");
      HttpResponse<byte[]> res = next.get(5, TimeUnit.SECONDS); // well inside the 6 s hold bound
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(Verifier.verifyManifest(res.body(), creator.creator.publicKey()).content().treeSize())
          .isEqualTo(2);
    }
  }
}
