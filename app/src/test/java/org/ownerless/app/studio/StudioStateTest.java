package org.ownerless.app.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.node.CreatorWarnings;
import org.ownerless.app.verify.SyntheticStream;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.StreamId;

/** The studio's state document from real sources: meters, a published stream, warnings, viewer counts. */
class StudioStateTest {
  @TempDir Path data;

  StudioState state(SimpleMeterRegistry metrics, Path streamDir, Map<String, Integer> viewers,
      CreatorWarnings warnings) {
    return new StudioState(new StudioState.Sources("show", "State test", () -> "http://127.0.0.1:1/watch/x/show",
        metrics, streamDir, () -> viewers, warnings::current, Clock.systemUTC()));
  }

  @Test
  void figuresNoMeterProvidesAreNullSoThePageShowsADash() {
    JsonNode s = state(new SimpleMeterRegistry(), data.resolve("nothing"), Map.of(),
        new CreatorWarnings(Clock.systemUTC())).snapshot();
    for (String field : List.of("bitrateBits", "fps", "keyframeIntervalSeconds", "framesDropped")) {
      assertThat(s.path("ingest").get(field).isNull()).as(field).isTrue();
    }
    assertThat(s.path("transcoder").get("speed").isNull()).isTrue();
    assertThat(s.path("publish").get("segmentsSigned").isNull()).isTrue();
    assertThat(s.path("publish").get("latencyP50Ms").isNull()).isTrue();
    assertThat(s.get("announce").isNull()).isTrue();
    assertThat(s.get("bucket").isNull()).isTrue();
    assertThat(s.path("viewers").path("total").asInt()).isZero();
  }

  @Test
  void theStateCarriesTheNodesMetersViewersWarningsAndTheStreamsGauges() {
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    Counter.builder("ownerless.segments.signed").register(metrics).increment(7);
    Counter.builder("ownerless.http.bytes.served").register(metrics).increment(123_456);
    Timer.builder("ownerless.segment.publish").publishPercentiles(0.5, 0.99).register(metrics)
        .record(Duration.ofMillis(40));
    Gauge.builder("ownerless.ingest.fps", () -> 29.97).tag("stream", "show").register(metrics);
    Gauge.builder("ownerless.ingest.fps", () -> 10.0).tag("stream", "other").register(metrics);
    Counter.builder("ownerless.bucket.uploads").tag("result", "ok").register(metrics).increment(3);
    CreatorWarnings warnings = new CreatorWarnings(Clock.fixed(Instant.ofEpochMilli(5_000), ZoneOffset.UTC));
    warnings.raise("keyframe-interval", "Set OBS's keyframe interval to 2 s");
    Map<String, Integer> viewers = new LinkedHashMap<>();
    viewers.put("src", 2);
    viewers.put("360p", 1);

    JsonNode s = state(metrics, data.resolve("nothing"), viewers, warnings).snapshot();

    assertThat(s.path("publish").path("segmentsSigned").asDouble()).isEqualTo(7);
    assertThat(s.path("publish").path("latencyP99Ms").asDouble()).isBetween(35.0, 45.0);
    assertThat(s.path("egress").path("bytesServed").asDouble()).isEqualTo(123_456);
    assertThat(s.path("ingest").path("fps").asDouble()).isEqualTo(29.97);
    assertThat(s.path("bucket").path("ownerless.bucket.uploads{result=ok}").asDouble()).isEqualTo(3);
    assertThat(s.path("viewers").path("total").asInt()).isEqualTo(3);
    assertThat(s.path("viewers").path("byRendition").path("360p").asInt()).isEqualTo(1);
    assertThat(s.path("warnings").get(0).path("code").asText()).isEqualTo("keyframe-interval");
    assertThat(s.path("warnings").get(0).path("sinceMs").asLong()).isEqualTo(5_000);
  }

  @Test
  void theTrustSideIsWhatTheNodePublished() throws Exception {
    Signer creator = Signer.generate();
    try (SyntheticStream stream = new SyntheticStream(data, creator)) {
      stream.addSegments(3);
      Path dir = data.resolve(new StreamId(creator.publicKey(), "show").path());
      JsonNode s = state(new SimpleMeterRegistry(), dir, Map.of(), new CreatorWarnings(Clock.systemUTC())).snapshot();

      assertThat(s.path("announce").path("status").asText()).isEqualTo("live");
      assertThat(s.path("announce").path("seq").asLong()).isPositive();
      assertThat(s.path("announce").path("expiresInMs").asLong()).isPositive();
      assertThat(s.path("roots")).hasSize(2);
      JsonNode src = s.path("roots").get(0);
      assertThat(src.path("rendition").asText()).isEqualTo("src");
      assertThat(src.path("treeSize").asLong()).isEqualTo(3);
      assertThat(src.path("rootHash").asText()).matches("[0-9a-f]{16}");
      assertThat(src.path("ageMs").asLong()).isBetween(0L, 60_000L);
      assertThat(s.path("hints").path("origins").isArray()).isTrue();
    }
  }
}
