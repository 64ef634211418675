package org.ownerless.app.node;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.ownerless.ingest.transcode.IngestHealth;
import org.ownerless.ingest.transcode.StreamTranscoder;

/**
 * The incoming stream and the transcoder's pace at {@code /metrics}, tagged with the stream name; the
 * studio page reads them by these names. Zero before anyone published.
 */
final class IngestGauges {
  private IngestGauges() {}

  static void register(MeterRegistry metrics, String stream, Supplier<StreamTranscoder> transcoder) {
    Supplier<IngestHealth> health = () -> {
      StreamTranscoder t = transcoder.get();
      return t == null ? IngestHealth.NONE : t.health();
    };
    gauge(metrics, stream, health, "ownerless.ingest.keyframe.interval.seconds", IngestHealth::keyframeIntervalSeconds,
        "the publisher's last complete GOP in seconds (keyframe to keyframe)");
    gauge(metrics, stream, health, "ownerless.ingest.fps", IngestHealth::fps,
        "the publisher's frame rate over the last 4 s of media");
    gauge(metrics, stream, health, "ownerless.ingest.bitrate.bits", h -> h.bitrateBits(),
        "the publisher's audio + video bits per second over the last 4 s of media");
    // Micrometer holds the counted object weakly: the registry lives as long as the node, a lambda would not.
    FunctionCounter.builder("ownerless.ingest.frames.dropped", metrics, m -> health.get().framesDropped())
        .description("frames the publisher's encoder skipped, seen as gaps in its video timestamps")
        .tag("stream", stream).register(metrics);
    gauge(metrics, stream, health, "ownerless.transcoder.speed", IngestHealth::speed,
        "ffmpeg's realtime factor from its last progress report (below 1: it falls behind)");
    gauge(metrics, stream, health, "ownerless.ingest.keyframe.interval.too.long",
        h -> h.keyframeIntervalTooLong() ? 1 : 0, "1 while the publisher's GOP is longer than twice the segment length");
    gauge(metrics, stream, health, "ownerless.transcoder.below.realtime", h -> h.belowRealtime() ? 1 : 0,
        "1 while ffmpeg has run slower than real time for several seconds");
  }

  private static void gauge(MeterRegistry metrics, String stream, Supplier<IngestHealth> health, String name,
      ToDoubleFunction<IngestHealth> value, String description) {
    // The Supplier form is held strongly (the object form only weakly, and would read NaN after a GC).
    Gauge.builder(name, () -> value.applyAsDouble(health.get())).description(description).tag("stream", stream)
        .register(metrics);
  }
}
