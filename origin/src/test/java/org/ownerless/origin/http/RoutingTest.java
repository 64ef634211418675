package org.ownerless.origin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingTest {
  @TempDir Path data;
  RunningOrigin origin;
  final CopyOnWriteArrayList<String> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    StreamTree tree = StreamTree.in(data);
    origin = RunningOrigin.start(b -> b.staticRoot("/streams/", tree.streams)
        .route("/watch/", (ctx, req, path) -> {
          seen.add(path);
          HttpResponses.send(ctx, req, HttpResponseStatus.OK, "text/html; charset=utf-8",
              Unpooled.copiedBuffer("<p>" + path + "</p>", StandardCharsets.UTF_8));
        })
        .route("/watch/special", (ctx, req, path) -> HttpResponses.text(ctx, req, HttpResponseStatus.OK, "exact\n"))
        .route("/boom", (ctx, req, path) -> {
          throw new IllegalStateException("secret internals");
        }));
  }

  @AfterEach
  void stop() {
    origin.close();
  }

  @Test
  void aPrefixRouteReceivesTheDecodedPath() throws Exception {
    HttpResponse<byte[]> res = Http.get(origin.uri("/watch/" + StreamTree.PUB + "/my%20show"));
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(seen).containsExactly("/watch/" + StreamTree.PUB + "/my show");
  }

  @Test
  void anExactRouteWinsOverAPrefix() throws Exception {
    assertThat(new String(Http.get(origin.uri("/watch/special")).body(), StandardCharsets.UTF_8)).isEqualTo("exact\n");
    assertThat(seen).isEmpty();
  }

  @Test
  void anExactRouteDoesNotMatchLongerPaths() throws Exception {
    assertThat(Http.get(origin.uri("/boom/x")).statusCode()).isEqualTo(404);
  }

  @Test
  void aFailingRouteIsAnInternalErrorWithoutItsDetails() throws Exception {
    HttpResponse<byte[]> res = Http.get(origin.uri("/boom"));
    assertThat(res.statusCode()).isEqualTo(500);
    assertThat(new String(res.body(), StandardCharsets.UTF_8)).isEqualTo("internal error\n").doesNotContain("secret");
    assertThat(Http.get(origin.uri("/watch/x")).statusCode()).isEqualTo(200); // the server carries on
  }

  @Test
  void headOnARouteGetsHeadersOnly() throws Exception {
    try (RawClient c = RawClient.connect(origin.port)) {
      RawClient.Response head = c.send("HEAD /watch/abc HTTP/1.1\r\nHost: x\r\n\r\n").read(true);
      RawClient.Response next = c.send(RawClient.get("/watch/abc")).read();
      assertThat(head.header("content-length")).isEqualTo(String.valueOf("<p>/watch/abc</p>".length()));
      assertThat(next.text()).isEqualTo("<p>/watch/abc</p>");
    }
  }

  @Test
  void routesMustBePlainAbsolutePathsAndUnique() {
    assertThatThrownBy(() -> OriginServer.builder().route("metrics", (c, r, p) -> { }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OriginServer.builder().route("/a/../b", (c, r, p) -> { }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OriginServer.builder().route("/m", (c, r, p) -> { }).route("/m", (c, r, p) -> { }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OriginServer.builder().staticRoot("/streams", data))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void closingTwiceIsHarmlessAndTheGaugeLeavesTheRegistry() {
    origin.close();
    origin.close();
    assertThat(origin.registry.find("ownerless.http.active.connections").gauge()).isNull();
  }
}
