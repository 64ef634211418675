package org.ownerless.app.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.testing.Http;

/**
 * The bucket goes away mid-stream: the node keeps ingesting, signing and serving without waiting on
 * it; when the bucket is back, uploads resume and the bucket catches up to a verifiable state.
 */
@Tag("e2e")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BucketOutageTest {
  @TempDir Path data;

  @Test
  void aStorageOutageNeverStallsTheNodeAndTheBucketCatchesUp() throws Exception {
    try (BucketLiveNode live = new BucketLiveNode(data, "", 90)) {
      String bucketStream = live.bucketStreamUrl();
      String nodeStream = live.node.streamUrl();
      live.until(Duration.ofSeconds(40), "2 segments in the bucket", () -> BucketLiveNode.treeSize(bucketStream) >= 2);

      live.s3.stop();
      long before = BucketLiveNode.treeSize(nodeStream);
      // Ingest and the node's own origin go on: three more segments signed and served meanwhile.
      live.until(Duration.ofSeconds(30), "the node's manifest to grow by 3 during the outage",
          () -> BucketLiveNode.treeSize(nodeStream) >= before + 3);
      live.until(Duration.ofSeconds(20), "/metrics to report the bucket down",
          () -> Http.text(live.node.publicUrl() + "metrics").contains("ownerless_bucket_up 0.0"));
      String during = Http.text(live.node.publicUrl() + "metrics");
      assertThat(counter(during, "ownerless_bucket_uploads_total\\{result=\"failed\"\\}")).isPositive();
      // Publishing a segment (hash, log, sign, write) never waited on the bucket.
      assertThat(counter(during, "ownerless_segment_publish_seconds_max")).isLessThan(2.0);
      String[] local = BucketLiveNode.verify(nodeStream);
      assertThat(local[0]).as(local[1]).isEqualTo("0");

      live.s3.start();
      long target = BucketLiveNode.treeSize(nodeStream);
      live.until(Duration.ofSeconds(40), "the bucket to catch up to size " + target,
          () -> BucketLiveNode.treeSize(bucketStream) >= target);
      String[] caughtUp = BucketLiveNode.verify(bucketStream);
      assertThat(caughtUp[0]).as(caughtUp[1]).isEqualTo("0");
      assertThat(Http.text(live.node.publicUrl() + "metrics")).contains("ownerless_bucket_up 1.0");
    }
  }

  @Test
  void aBucketThatIsDownWhenTheNodeStartsIsFilledOnceItComesUp() throws Exception {
    try (BucketLiveNode live = new BucketLiveNode(data, "", 90, true)) {
      String nodeStream = live.node.streamUrl();
      // Services start in any order: the node ingests, signs and serves without its bucket.
      live.until(Duration.ofSeconds(40), "3 segments on the node with the bucket down",
          () -> BucketLiveNode.treeSize(nodeStream) >= 3);
      live.until(Duration.ofSeconds(20), "/metrics to report the bucket down",
          () -> Http.text(live.node.publicUrl() + "metrics").contains("ownerless_bucket_up 0.0"));

      live.s3.start();
      long target = BucketLiveNode.treeSize(nodeStream);
      live.until(Duration.ofSeconds(60), "the bucket to catch up to size " + target,
          () -> BucketLiveNode.treeSize(live.bucketStreamUrl()) >= target);
      String[] filled = BucketLiveNode.verify(live.bucketStreamUrl());
      assertThat(filled[0]).as(filled[1]).isEqualTo("0");
      assertThat(Http.text(live.node.publicUrl() + "metrics")).contains("ownerless_bucket_up 1.0");
    }
  }

  private static double counter(String metrics, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + " ([0-9.eE+-]+)$").matcher(metrics);
    assertThat(m.find()).as(name + " in\n" + metrics).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
