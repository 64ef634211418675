package org.ownerless.origin.follow;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NotFoundGraceTest {
  private final URI manifest = URI.create("http://origin.example/streams/P/N/src/manifest.json");
  private final AtomicLong clock = new AtomicLong(1_000_000);

  @Test
  void aFileMissingWithinTheGracePeriodIsNotAFailure() {
    NotFoundGrace grace = new NotFoundGrace(Duration.ofSeconds(15), clock::get);
    assertThatCode(() -> grace.notFound(manifest)).doesNotThrowAnyException();
    clock.addAndGet(15_000);
    assertThatCode(() -> grace.notFound(manifest)).doesNotThrowAnyException();
    clock.addAndGet(1);
    assertThatThrownBy(() -> grace.notFound(manifest)).isInstanceOf(FetchFailure.class)
        .hasMessage(manifest + ": HTTP 404");
  }

  @Test
  void theGraceStartsAgainOnceTheFileWasFound() throws Exception {
    NotFoundGrace grace = new NotFoundGrace(Duration.ofSeconds(15), clock::get);
    grace.notFound(manifest);
    clock.addAndGet(14_000);
    grace.found();
    clock.addAndGet(14_000);
    assertThatCode(() -> grace.notFound(manifest)).doesNotThrowAnyException();
  }

  @Test
  void withoutGraceTheFirstNotFoundFails() {
    NotFoundGrace grace = new NotFoundGrace(Duration.ZERO, clock::get);
    assertThatThrownBy(() -> grace.notFound(manifest)).isInstanceOf(FetchFailure.class);
  }
}
