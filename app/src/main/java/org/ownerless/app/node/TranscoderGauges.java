package org.ownerless.app.node;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.ownerless.ingest.transcode.CrashLoop;
import org.ownerless.ingest.transcode.StreamTranscoder;

/**
 * The transcoder's health at {@code /metrics}: whether ffmpeg is crash-looping, how many runs in a
 * row crashed, the last exit code and all crashes so far. The log says the same once per outage,
 * with ffmpeg's last error line.
 */
final class TranscoderGauges {
  private static final CrashLoop.Status NEVER_STARTED = new CrashLoop.Status(0, 0, -1, "");

  private TranscoderGauges() {}

  /** {@code transcoder} yields the stream's transcoder, or null before anyone published. */
  static void register(MeterRegistry metrics, Supplier<StreamTranscoder> transcoder) {
    Supplier<CrashLoop.Status> status = () -> {
      StreamTranscoder t = transcoder.get();
      return t == null ? NEVER_STARTED : t.crashLoop();
    };
    Gauge.builder("ownerless.transcoder.crash.looping", () -> status.get().looping() ? 1 : 0)
        .description("1 while ffmpeg keeps crashing before it delivers a segment (no segments are published)")
        .register(metrics);
    Gauge.builder("ownerless.transcoder.consecutive.crashes", () -> status.get().consecutiveCrashes())
        .description("ffmpeg runs in a row that crashed before delivering a segment").register(metrics);
    Gauge.builder("ownerless.transcoder.last.exit.code", () -> status.get().lastExitCode())
        .description("exit code of the last crashed ffmpeg run (128 + signal when killed; -1: none, or not startable)")
        .register(metrics);
    FunctionCounter.builder("ownerless.transcoder.crashes", status, s -> s.get().totalCrashes())
        .description("ffmpeg runs that crashed and were restarted").register(metrics);
  }
}
