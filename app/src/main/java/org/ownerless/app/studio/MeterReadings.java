package org.ownerless.app.studio;

import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the node's meters by name, as {@code /metrics} would show them. A meter that is not
 * registered (yet, or by a build without it) reads as null, which the page shows as "—": the studio
 * never registers anything itself.
 */
final class MeterReadings {
  private final MeterRegistry registry;
  private final String stream;

  MeterReadings(MeterRegistry registry, String stream) {
    this.registry = registry;
    this.stream = stream;
  }

  /** The value of the stream's meter {@code name} (tag {@code stream}), else of an untagged one; null when absent. */
  Double value(String name) {
    Meter m = registry.find(name).tag("stream", stream).meter();
    if (m == null) {
      m = registry.find(name).meter();
    }
    return m == null ? null : first(m);
  }

  /** The sum over every meter named {@code name} (e.g. a counter split by tags); null when there is none. */
  Double sum(String name) {
    Double total = null;
    for (Meter m : registry.find(name).meters()) {
      Double v = first(m);
      if (v != null) {
        total = (total == null ? 0 : total) + v;
      }
    }
    return total;
  }

  /** Every meter whose name starts with {@code prefix}, keyed by name and tags ("a.b{result=ok}"). */
  Map<String, Double> withPrefix(String prefix) {
    Map<String, Double> out = new TreeMap<>();
    for (Meter m : registry.getMeters()) {
      if (m.getId().getName().startsWith(prefix)) {
        out.put(key(m), first(m));
      }
    }
    return out;
  }

  private static String key(Meter m) {
    StringBuilder b = new StringBuilder(m.getId().getName());
    Iterator<Tag> tags = m.getId().getTagsAsIterable().iterator();
    if (tags.hasNext()) {
      b.append('{');
      while (tags.hasNext()) {
        Tag t = tags.next();
        b.append(t.getKey()).append('=').append(t.getValue()).append(tags.hasNext() ? "," : "}");
      }
    }
    return b.toString();
  }

  /** A meter's first measurement (a gauge's value, a counter's count); NaN (a gauge whose source is gone) is null. */
  private static Double first(Meter m) {
    for (Measurement x : m.measure()) {
      double v = x.getValue();
      return Double.isFinite(v) ? v : null;
    }
    return null;
  }
}
