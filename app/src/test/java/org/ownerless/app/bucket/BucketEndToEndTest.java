package org.ownerless.app.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.testing.Await;
import org.ownerless.app.testing.Chromium;
import org.ownerless.app.testing.Http;
import org.ownerless.app.testing.ViewerStats;
import org.ownerless.protocol.verify.Verifier;

/**
 * A node publishing to a bucket makes the bucket's plain HTTP endpoint a working origin: `verify URL`
 * passes against the bucket alone, and the browser viewer plays from it, verified.
 */
@Tag("e2e")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BucketEndToEndTest {
  @TempDir Path data;

  @Test
  void theBucketAloneVerifiesAndPlaysInTheBrowser() throws Exception {
    try (BucketLiveNode live = new BucketLiveNode(data, "cdn/live", 90)) {
      String bucketStream = live.bucketStreamUrl();
      assertThat(bucketStream).isEqualTo(live.s3.bucketUrl() + "cdn/live/" + live.node.stream().path() + "/");
      live.until(Duration.ofSeconds(40), "3 segments in the bucket", () -> BucketLiveNode.treeSize(bucketStream) >= 3);

      // The signed announce lists the bucket as an origin, after the node itself.
      byte[] announce = Files.readAllBytes(data.resolve(live.node.stream().path()).resolve("announce.json"));
      assertThat(Verifier.verifyAnnounce(announce, live.creator.publicKey(), System.currentTimeMillis()).content()
          .origins()).containsExactly(live.node.publicUrl(), live.s3.bucketUrl() + "cdn/live/");

      String[] verified = BucketLiveNode.verify(bucketStream);
      assertThat(verified[0]).as(verified[1]).isEqualTo("0");
      assertThat(verified[1]).contains("OK " + live.node.stream());

      try (Chromium chromium = new Chromium()) {
        // The node's page, told to start from the bucket: every file it verifies comes from there.
        Page page = chromium.open(live.node.watchUrl() + "?hint=" + live.s3.bucketUrl() + "cdn/live/");
        ViewerStats stats = Await.until(page, Duration.ofSeconds(60), "playing 3 verified segments from the bucket",
            s -> "playing".equals(s.state()) && s.verifiedSegments() >= 3);
        assertThat(stats.rejectedSegments()).isZero();
        assertThat(page.evaluate("() => window.ownerless.origins().current"))
            .isEqualTo(live.s3.bucketUrl() + "cdn/live/");
      }

      String metrics = Http.text(live.node.publicUrl() + "metrics");
      assertThat(metrics).contains("ownerless_bucket_uploads_total{result=\"ok\"}").contains("ownerless_bucket_up 1.0");
    }
  }
}
