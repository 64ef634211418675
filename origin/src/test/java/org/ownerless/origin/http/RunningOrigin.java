package org.ownerless.origin.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * An origin on 127.0.0.1 and an ephemeral port, metering into a Prometheus registry that it also
 * serves at /metrics (as the node will). Close it after each test.
 */
final class RunningOrigin implements AutoCloseable {
  final OriginServer server;
  final PrometheusMeterRegistry registry;
  final int port;

  private RunningOrigin(OriginServer server, PrometheusMeterRegistry registry, int port) {
    this.server = server;
    this.registry = registry;
    this.port = port;
  }

  /** Serves {@code streams} under /streams/ with default limits. */
  static RunningOrigin serving(Path streams) {
    return start(b -> b.staticRoot("/streams/", streams));
  }

  static RunningOrigin start(UnaryOperator<OriginServer.Builder> config) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    OriginServer server = config.apply(OriginServer.builder().host("127.0.0.1").port(0).meterRegistry(registry)
        .route("/metrics", new PrometheusRoute(registry))).build();
    return new RunningOrigin(server, registry, server.start());
  }

  URI uri(String path) {
    return URI.create((server.isTls() ? "https" : "http") + "://127.0.0.1:" + port + path);
  }

  double activeConnections() {
    var gauge = registry.find("ownerless.http.active.connections").gauge();
    return gauge == null ? Double.NaN : gauge.value();
  }

  @Override
  public void close() {
    server.close();
    registry.close();
  }
}
