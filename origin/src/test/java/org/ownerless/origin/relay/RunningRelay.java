package org.ownerless.origin.relay;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ownerless.origin.follow.StreamUrl;
import org.ownerless.origin.http.OriginServer;
import org.ownerless.protocol.model.StreamId;

/** A relay as the app wires it (mirror + origin with the mirror route), on loopback, for tests. */
final class RunningRelay implements AutoCloseable {
  final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  final RelayConfig config;
  final StreamMirror mirror;
  final OriginServer server;
  final String base;
  private final HttpClient client = HttpClient.newHttpClient();

  RunningRelay(StreamId stream, List<String> upstreams, Path data, int keep) throws Exception {
    List<StreamUrl> urls = upstreams.stream().map(u -> StreamUrl.forStream(u, stream)).toList();
    config = RelayConfig.of(stream, urls, data.resolve("streams"), null).withRetention(keep)
        .withTimeout(Duration.ofSeconds(3));
    Files.createDirectories(config.streamsDir());
    mirror = new StreamMirror(config, metrics);
    server = OriginServer.builder().host("127.0.0.1").port(0).ioThreads(1)
        .staticRoot("/streams/", config.streamsDir())
        .route(MirrorRoute.prefixOf(stream), new MirrorRoute(mirror, config))
        .meterRegistry(metrics).build();
    base = "http://127.0.0.1:" + server.start() + "/";
    mirror.start();
  }

  String streamUrl() {
    return base + config.stream().path() + "/";
  }

  HttpResponse<byte[]> get(String relative) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(streamUrl() + relative)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** ownerless.relay.upstream.failures for one problem name. */
  double failures(String problem) {
    var c = metrics.find("ownerless.relay.upstream.failures").tag("problem", problem).counter();
    return c == null ? 0 : c.count();
  }

  long treeSize(String rendition) {
    var root = mirror.published().get(rendition);
    return root == null ? 0 : root.treeSize();
  }

  @Override
  public void close() {
    mirror.close();
    server.close();
  }
}
