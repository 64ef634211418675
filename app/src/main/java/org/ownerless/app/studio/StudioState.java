package org.ownerless.app.studio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.ownerless.app.node.CreatorWarnings;

/**
 * What {@code /studio/state.json} answers: one snapshot of the node as the creator needs it. Every
 * figure is read when asked (meters by name, the tracker's swarms, the published files); an absent one
 * is JSON null. The page keeps the history for its charts, so the node keeps none.
 */
public final class StudioState {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where the state comes from; the node supplies these. */
  public record Sources(String stream, String title, Supplier<String> watchUrl, MeterRegistry metrics, Path streamDir,
      Supplier<Map<String, Integer>> viewersByRendition, Supplier<List<CreatorWarnings.Warning>> warnings,
      Clock clock) {}

  private final Sources sources;
  private final MeterReadings meters;
  private final PublishedTrust trust;

  public StudioState(Sources sources) {
    this.sources = sources;
    this.meters = new MeterReadings(sources.metrics(), sources.stream());
    this.trust = new PublishedTrust(sources.streamDir());
  }

  public ObjectNode snapshot() {
    long now = sources.clock().millis();
    ObjectNode s = JSON.createObjectNode();
    s.put("stream", sources.stream());
    s.put("title", sources.title());
    s.put("watchUrl", sources.watchUrl().get());
    s.put("nowMs", now);

    ObjectNode ingest = s.putObject("ingest");
    ingest.put("bitrateBits", meters.value("ownerless.ingest.bitrate.bits"));
    ingest.put("fps", meters.value("ownerless.ingest.fps"));
    ingest.put("keyframeIntervalSeconds", meters.value("ownerless.ingest.keyframe.interval.seconds"));
    ingest.put("keyframeIntervalTooLong", meters.value("ownerless.ingest.keyframe.interval.too.long"));
    ingest.put("framesDropped", meters.value("ownerless.ingest.frames.dropped"));
    ingest.put("rtmpConnections", meters.value("ownerless.rtmp.connections"));

    ObjectNode transcoder = s.putObject("transcoder");
    transcoder.put("speed", meters.value("ownerless.transcoder.speed"));
    transcoder.put("belowRealtime", meters.value("ownerless.transcoder.below.realtime"));
    transcoder.put("crashLooping", meters.value("ownerless.transcoder.crash.looping"));
    transcoder.put("crashes", meters.value("ownerless.transcoder.crashes"));

    publish(s.putObject("publish"));

    ObjectNode viewers = s.putObject("viewers");
    int total = 0;
    ObjectNode per = viewers.putObject("byRendition");
    for (Map.Entry<String, Integer> e : sources.viewersByRendition().get().entrySet()) {
      per.put(e.getKey(), e.getValue());
      total += e.getValue();
    }
    viewers.put("total", total);

    ObjectNode egress = s.putObject("egress");
    egress.put("bytesServed", meters.sum("ownerless.http.bytes.served"));
    egress.put("activeConnections", meters.value("ownerless.http.active.connections"));

    Map<String, Double> bucket = meters.withPrefix("ownerless.bucket.");
    if (bucket.isEmpty()) {
      s.putNull("bucket");
    } else {
      ObjectNode b = s.putObject("bucket");
      bucket.forEach(b::put);
    }

    var warnings = s.putArray("warnings");
    for (CreatorWarnings.Warning w : sources.warnings().get()) {
      ObjectNode wn = warnings.addObject();
      wn.put("code", w.code());
      wn.put("text", w.text());
      wn.put("sinceMs", w.sinceMs());
    }

    ObjectNode t = trust.read(now);
    s.set("announce", t.get("announce"));
    s.set("hints", t.get("hints"));
    s.set("roots", t.get("roots"));
    return s;
  }

  public byte[] json() {
    try {
      return JSON.writeValueAsBytes(snapshot());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot happen: a tree of plain values", e);
    }
  }

  private void publish(ObjectNode p) {
    p.put("segmentsSigned", meters.sum("ownerless.segments.signed"));
    Timer timer = sources.metrics().find("ownerless.segment.publish").timer();
    Double p50 = null;
    Double p99 = null;
    if (timer != null && timer.count() > 0) {
      // The node's timer publishes these two percentiles (over a decaying window of recent segments).
      for (ValueAtPercentile v : timer.takeSnapshot().percentileValues()) {
        if (v.percentile() == 0.5) {
          p50 = v.value(TimeUnit.MILLISECONDS);
        } else if (v.percentile() == 0.99) {
          p99 = v.value(TimeUnit.MILLISECONDS);
        }
      }
    }
    p.put("latencyP50Ms", p50);
    p.put("latencyP99Ms", p99);
  }
}
