package org.ownerless.origin.bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The bucket secret appears in no log line (even the SDK's own, at TRACE) and no error message. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BucketSecretTest {
  private static final String WRONG_SECRET = "wrong-secret-0b1c2d3e4f5a6b7c";
  @TempDir Path data;

  @Test
  void theSecretIsNeverLoggedNorPartOfAnError() throws Exception {
    LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = logs.getLogger(Logger.ROOT_LOGGER_NAME);
    Logger sdk = logs.getLogger("software.amazon.awssdk");
    Level sdkLevel = sdk.getLevel();
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.setContext(logs);
    captured.start();
    root.addAppender(captured);
    sdk.setLevel(Level.TRACE);
    try (S3Server s3 = new S3Server(); PublishedStream stream = new PublishedStream(data)) {
      BucketSettings good = s3.settings("");
      BucketSettings bad = BucketSettings.of(s3.endpoint(), null, S3Server.BUCKET, "", S3Server.ACCESS_KEY,
          WRONG_SECRET, null);
      assertThat(good.toString()).doesNotContain(S3Server.SECRET_KEY).contains("hidden");
      assertThat(bad.toString()).doesNotContain(WRONG_SECRET);

      // A refused signature: the error names the failure, not the secret.
      try (S3ObjectStore store = S3ObjectStore.open(bad)) {
        assertThatThrownBy(() -> store.putBytes("x.json", new byte[] {1}, ObjectHeaders.forPath("x.json")))
            .isInstanceOf(BucketException.class)
            .hasMessageContaining("HTTP 403")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(WRONG_SECRET));
      }
      // A publisher with the wrong secret logs its outage; one with the right secret publishes.
      stream.addSegment();
      SimpleMeterRegistry metrics = new SimpleMeterRegistry();
      BucketPublisher refused = BucketPublisher.start(S3ObjectStore.open(bad), bad.bucket(), stream.dir(),
          bad.key(stream.id.path()), metrics, Duration.ofMillis(100), Duration.ofMillis(200));
      await("the refusal to be logged").atMost(Duration.ofSeconds(10)).until(() -> !refused.isUp());
      refused.close(Duration.ofSeconds(2));
      BucketPublisher accepted = BucketPublisher.start(S3ObjectStore.open(good), good.bucket(), stream.dir(),
          good.key(stream.id.path()), new SimpleMeterRegistry(), Duration.ofMillis(100), Duration.ofMillis(200));
      new BucketView(good.publicUrl(), stream).awaitTreeSize(1, Duration.ofSeconds(20));
      accepted.close(Duration.ofSeconds(5));
    } finally {
      root.detachAppender(captured);
      sdk.setLevel(sdkLevel);
    }
    assertThat(captured.list).isNotEmpty();
    for (ILoggingEvent e : captured.list) {
      String line = e.getFormattedMessage() + (e.getThrowableProxy() != null ? e.getThrowableProxy().getMessage() : "");
      assertThat(line).doesNotContain(S3Server.SECRET_KEY).doesNotContain(WRONG_SECRET);
    }
    assertThat(captured.list).anyMatch(e -> e.getFormattedMessage().contains("uploads failing (") && e.getFormattedMessage().contains("HTTP 403"));
  }
}
