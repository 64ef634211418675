package org.ownerless.bench.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Medians and percentiles for the printed report. */
final class Stats {
  private Stats() {}

  static double percentile(List<Double> values, double p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  static String summary(List<Double> values, String unit) {
    return String.format(Locale.ROOT, "median %.1f %s, p90 %.1f %s, min %.1f, max %.1f (n=%d)",
        percentile(values, 50), unit, percentile(values, 90), unit, percentile(values, 0), percentile(values, 100),
        values.size());
  }
}
