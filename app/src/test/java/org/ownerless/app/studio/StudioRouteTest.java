package org.ownerless.app.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.testing.CapturedLog;
import org.ownerless.origin.http.OriginServer;

/**
 * The studio's access rule and headers over real HTTP: an origin server on 127.0.0.1 serving the
 * studio route. "Remote" visitors are loopback requests a proxy forwarded (X-Forwarded-For), which the
 * rule must treat exactly as remote ones.
 */
class StudioRouteTest {
  static final String TOKEN = "route-test-token-0123456789";
  static final String PROXIED = "X-Forwarded-For";
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  @TempDir static Path data;
  static OriginServer server;
  static String base;
  static CapturedLog log;

  @BeforeAll
  static void start() {
    log = new CapturedLog("org.ownerless");
    StudioState state = new StudioState(new StudioState.Sources("show", "Route test", () -> null,
        new SimpleMeterRegistry(), data.resolve("streams/none/show"), Map::of, List::of, Clock.systemUTC()));
    StudioRoute route = new StudioRoute(new StudioAccess(TOKEN), state, false);
    server = OriginServer.builder().host("127.0.0.1").port(0).route(StudioRoute.PAGE, route)
        .route(StudioRoute.PREFIX, route).build();
    base = "http://127.0.0.1:" + server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (log != null) {
      log.close();
    }
  }

  static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theStudioOpensOnTheNodesMachineNeverCachedFramedReferredOrSharedCrossOrigin() throws Exception {
    HttpResponse<String> page = get("/studio", "Origin", "https://other.example");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<h1>Studio</h1>").contains("/studio/studio.js");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
    assertThat(page.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(get("/studio/studio.js").statusCode()).isEqualTo(200);
    assertThat(get("/studio/state.json").headers().firstValue("Content-Type")).hasValue("application/json");
  }

  @Test
  void aProxiedRequestWithoutTheTokenIsRefusedWithHowToOpenTheStudio() throws Exception {
    for (String path : List.of("/studio", "/studio/state.json", "/studio/studio.js")) {
      HttpResponse<String> res = get(path, PROXIED, "203.0.113.7");
      assertThat(res.statusCode()).as(path).isEqualTo(401);
      assertThat(res.body()).contains("/studio?token=TOKEN").contains("publish-token").doesNotContain("Exception");
      assertThat(res.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
      assertThat(res.headers().firstValue("Cache-Control")).hasValue("no-store");
    }
  }

  @Test
  void theTokenInTheAddressSetsAStrictHttpOnlyCookieAndLeavesTheAddressAtOnce() throws Exception {
    HttpResponse<String> res = get("/studio?token=" + TOKEN, PROXIED, "203.0.113.7");
    assertThat(res.statusCode()).isEqualTo(303);
    assertThat(res.headers().firstValue("Location")).hasValue("/studio");
    String cookie = res.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/studio")
        .doesNotContain(TOKEN);
    String pair = cookie.substring(0, cookie.indexOf(';'));

    HttpResponse<String> state = get("/studio/state.json", PROXIED, "203.0.113.7", "Cookie", pair);
    assertThat(state.statusCode()).isEqualTo(200);
    assertThat(new ObjectMapper().readTree(state.body()).path("stream").asText()).isEqualTo("show");
    assertThat(get("/studio", PROXIED, "203.0.113.7", "Cookie", pair).statusCode()).isEqualTo(200);
    assertThat(log.linesContaining(TOKEN)).isEmpty();
  }

  @Test
  void aWrongTokenIsRefusedAndSetsNoCookie() throws Exception {
    HttpResponse<String> res = get("/studio?token=guessed", PROXIED, "203.0.113.7");
    assertThat(res.statusCode()).isEqualTo(403);
    assertThat(res.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(res.body()).contains("not this node's publish token");
    assertThat(get("/studio/state.json", "Authorization", "Bearer guessed").statusCode()).isEqualTo(403);
    assertThat(get("/studio/state.json", "Cookie", "ownerless-studio=forged").statusCode()).isEqualTo(403);
  }

  @Test
  void theBearerTokenReadsTheStateThroughAProxy() throws Exception {
    HttpResponse<String> res = get("/studio/state.json", PROXIED, "203.0.113.7", "Authorization", "Bearer " + TOKEN);
    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode state = new ObjectMapper().readTree(res.body());
    assertThat(state.path("ingest").path("fps").isNull()).isTrue();
  }

  @Test
  void onlyReadingIsAllowedAndUnknownStudioPathsAreNotFound() throws Exception {
    HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/studio/state.json"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(get("/studio/secret.txt").statusCode()).isEqualTo(404);
  }
}
