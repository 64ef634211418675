package org.ownerless.app.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.protocol.verify.Verifier;

/**
 * A node publishing to a bucket makes the bucket's plain HTTP endpoint a working origin: `verify URL`
 * passes against the bucket alone, and the browser viewer plays from it, verified.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BucketEndToEndTest {
  private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("OWNERLESS_CHROMIUM", "/usr/bin/chromium"));
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

      try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
          .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
            .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run",
                "--autoplay-policy=no-user-gesture-required")));
        Page page = browser.newContext().newPage();
        // The node's page, told to start from the bucket: every file it verifies comes from there.
        page.navigate(live.node.watchUrl() + "?hint=" + live.s3.bucketUrl() + "cdn/live/");
        Map<String, Object> stats = awaitPlaying(page, Duration.ofSeconds(60));
        assertThat(((Number) stats.get("rejectedSegments")).longValue()).isZero();
        assertThat(page.evaluate("() => window.ownerless.origins().current"))
            .isEqualTo(live.s3.bucketUrl() + "cdn/live/");
        browser.close();
      }

      String metrics = BucketLiveNode.get(live.node.publicUrl() + "metrics");
      assertThat(metrics).contains("ownerless_bucket_uploads_total{result=\"ok\"}").contains("ownerless_bucket_up 1.0");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> awaitPlaying(Page page, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Object> last = Map.of();
    while (System.nanoTime() < deadline) {
      last = (Map<String, Object>) page.evaluate("() => window.ownerless ? window.ownerless.stats() : {}");
      Object verified = last.get("verifiedSegments");
      if ("playing".equals(last.get("state")) && verified instanceof Number n && n.longValue() >= 3) {
        return last;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("viewer never played 3 verified segments from the bucket; last stats: " + last
        + "\nevents: " + page.evaluate("() => window.ownerless && window.ownerless.events ? window.ownerless.events() : []"));
  }
}
