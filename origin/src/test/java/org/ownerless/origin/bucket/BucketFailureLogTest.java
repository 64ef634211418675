package org.ownerless.origin.bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The outage line says why in one short line: no stack trace, no second line, and no signed URL's
 * query string or user info, whatever the failure's message carried.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BucketFailureLogTest {
  private static final String SIGNATURE = "X-Amz-Signature=5d41402abc4b2a76b9719d911017c592";
  @TempDir Path data;

  /**
   * A store failing with the kind of message an HTTP library builds from a redirect or a presigned
   * request. The real S3 client cannot be made to say this on demand, so the failure is injected.
   */
  private static final class BrokenStore implements ObjectStore {
    @Override
    public void putBytes(String key, byte[] body, ObjectHeaders headers) {
      throw new IllegalStateException("redirect to https://admin:hunter2@bucket.example/" + key + "?"
          + SIGNATURE + "&X-Amz-Credential=AKIA0000 refused\n\tat org.apache.hc.client5.Redirects.follow(Redirects.java:42)");
    }

    @Override
    public void putFile(String key, Path file, ObjectHeaders headers) {
      putBytes(key, null, headers);
    }

    @Override
    public long sizeOf(String key) {
      return -1;
    }

    @Override
    public void close() {}
  }

  @Test
  void theOutageLineIsOneLineWithoutQueryStringsUserInfoOrStackTrace() throws Exception {
    LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = logs.getLogger(Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.setContext(logs);
    captured.start();
    root.addAppender(captured);
    try (PublishedStream stream = new PublishedStream(data)) {
      stream.addSegment();
      BucketPublisher publisher = BucketPublisher.start(new BrokenStore(), "live-bucket", stream.dir(),
          "streams/x/", new SimpleMeterRegistry(), Duration.ofMillis(50), Duration.ofMillis(100));
      await("the outage to be logged").atMost(Duration.ofSeconds(10)).until(() -> !publisher.isUp());
      publisher.close(Duration.ofSeconds(2));
    } finally {
      root.detachAppender(captured);
    }
    List<ILoggingEvent> outage = captured.list.stream()
        .filter(e -> e.getFormattedMessage().contains("uploads failing")).toList();
    assertThat(outage).hasSize(1);
    String line = outage.get(0).getFormattedMessage();
    assertThat(line).contains("redirect to https://bucket.example/", "?(query hidden)", "refused")
        .doesNotContain(SIGNATURE).doesNotContain("AKIA0000").doesNotContain("hunter2")
        .doesNotContain("\n").doesNotContain("Redirects.java");
    assertThat(outage.get(0).getThrowableProxy()).isNull();
  }
}
