package org.ownerless.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.Main;
import org.ownerless.protocol.model.SegmentEntry;

/**
 * node → relay A → relay B: B serves a stream it only ever saw through A, `verify URL` accepts B,
 * and the browser viewer plays from B's own watch page with every segment verified.
 */
class RelayChainTest {
  @TempDir Path tmp;

  @Test
  void aRelayOfARelayIsVerifiableAndPlaysInTheBrowser() throws Exception {
    try (LiveSource source = LiveSource.start(tmp.resolve("node"), "src,144p:144:200", 90);
        Relay a = Relay.start(options(source, List.of(source.node.publicUrl()), tmp.resolve("relay-a")));
        Relay b = Relay.start(options(source, List.of(a.publicUrl()), tmp.resolve("relay-b")))) {
      Waits.until(Duration.ofSeconds(45), () -> "3 segments on relay B (publisher: " + log(source) + ")",
          () -> Waits.treeSize(b, "src") >= 3 && Waits.treeSize(b, "144p") >= 3);

      StringWriter out = new StringWriter();
      int code = Main.run(new String[] {"verify", b.streamUrl()}, new PrintWriter(out), new PrintWriter(out));
      assertThat(code).as(out.toString()).isZero();

      // B's bytes are the node's bytes.
      SegmentEntry oldest = b.mirror().published().get("src").window().get(0);
      assertThat(Http.get(b.streamUrl() + "src/" + oldest.uri()).body()).isEqualTo(source.file("src/" + oldest.uri()));
      assertThat(Http.get(b.streamUrl() + "announce.json").body()).isEqualTo(source.file("announce.json"));

      try (RelayBrowser browser = new RelayBrowser()) {
        Page page = browser.open(b.watchUrl());
        Map<String, Object> stats = RelayBrowser.await(page, Duration.ofSeconds(60), "playing, 3 verified segments",
            s -> "playing".equals(s.get("state")) && RelayBrowser.number(s, "verifiedSegments") >= 3);
        assertThat(RelayBrowser.number(stats, "rejectedSegments")).isZero();
      }
      assertThat(Http.get(b.publicUrl() + "metrics").body()).asString(java.nio.charset.StandardCharsets.UTF_8)
          .contains("ownerless_relay_tree_size{rendition=\"src\"}");
    }
  }

  static RelayOptions options(LiveSource source, List<String> upstreams, Path data) {
    return new RelayOptions(source.node.stream(), upstreams, data, "127.0.0.1", 0, null, 64, null, null);
  }

  private static String log(LiveSource source) {
    try {
      return source.publishing() ? "running" : source.publisherLog();
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
