package org.ownerless.origin.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;

/**
 * The server's meters. Names are Micrometer-style; the Prometheus registry renders them as
 * {@code ownerless_http_requests_total{status="2xx"}}, {@code ownerless_http_bytes_served_total} and
 * {@code ownerless_http_active_connections}.
 */
final class HttpMetrics {
  private final MeterRegistry registry;
  private final Counter[] requestsByClass = new Counter[6]; // index = status / 100
  private final Counter bytesServed;
  private final Gauge activeConnections;

  HttpMetrics(MeterRegistry registry, IntSupplier connections) {
    this.registry = registry;
    for (int c = 1; c <= 5; c++) {
      requestsByClass[c] = Counter.builder("ownerless.http.requests")
          .description("HTTP responses sent, by status class")
          .tag("status", c + "xx")
          .register(registry);
    }
    bytesServed = Counter.builder("ownerless.http.bytes.served")
        .description("HTTP response body bytes written to clients")
        .register(registry);
    activeConnections = Gauge.builder("ownerless.http.active.connections", connections::getAsInt)
        .description("open HTTP connections")
        .strongReference(true)
        .register(registry);
  }

  void response(int status) {
    int c = status / 100;
    if (c >= 1 && c <= 5) {
      requestsByClass[c].increment();
    }
  }

  void bytesServed(long n) {
    bytesServed.increment(n);
  }

  /** The gauge reads a live server; once it is gone the gauge must not report stale numbers. */
  void close() {
    registry.remove(activeConnections);
  }
}
