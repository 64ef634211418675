package org.ownerless.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.Main;
import org.ownerless.app.testing.Await;
import org.ownerless.app.testing.Chromium;
import org.ownerless.app.testing.Http;
import org.ownerless.app.testing.LiveNode;
import org.ownerless.app.testing.ViewerStats;
import org.ownerless.app.testing.Waits;
import org.ownerless.protocol.model.SegmentEntry;

/**
 * node → relay A → relay B: B serves a stream it only ever saw through A, `verify URL` accepts B,
 * and the browser viewer plays from B's own watch page with every segment verified.
 */
@Tag("e2e")
class RelayChainTest {
  @TempDir Path tmp;

  @Test
  void aRelayOfARelayIsVerifiableAndPlaysInTheBrowser() throws Exception {
    try (LiveNode source = LiveNode.start(tmp.resolve("node"), "src,144p:144:200", 90);
        Relay a = Relay.start(options(source, List.of(source.node.publicUrl()), tmp.resolve("relay-a")));
        Relay b = Relay.start(options(source, List.of(a.publicUrl()), tmp.resolve("relay-b")))) {
      Waits.until(Duration.ofSeconds(45), () -> "3 segments on relay B (publisher: " + log(source) + ")",
          () -> treeSize(b, "src") >= 3 && treeSize(b, "144p") >= 3);

      StringWriter out = new StringWriter();
      int code = Main.run(new String[] {"verify", b.streamUrl()}, new PrintWriter(out), new PrintWriter(out));
      assertThat(code).as(out.toString()).isZero();

      // B's bytes are the node's bytes.
      SegmentEntry oldest = b.mirror().published().get("src").window().get(0);
      assertThat(Http.get(b.streamUrl() + "src/" + oldest.uri()).body()).isEqualTo(source.file("src/" + oldest.uri()));
      assertThat(Http.get(b.streamUrl() + "announce.json").body()).isEqualTo(source.file("announce.json"));

      try (Chromium browser = new Chromium()) {
        ViewerStats stats = Await.until(browser.open(b.watchUrl()), Duration.ofSeconds(60),
            "playing, 3 verified segments", s -> "playing".equals(s.state()) && s.verifiedSegments() >= 3);
        assertThat(stats.rejectedSegments()).isZero();
      }
      assertThat(Http.get(b.publicUrl() + "metrics").body()).asString(java.nio.charset.StandardCharsets.UTF_8)
          .contains("ownerless_relay_tree_size{rendition=\"src\"}");
    }
  }

  static RelayOptions options(LiveNode source, List<String> upstreams, Path data) {
    return new RelayOptions(source.node.stream(), upstreams, data, "127.0.0.1", 0, null, 64, null, null);
  }

  /** The size of the relay's verified log of {@code rendition}, 0 before it has one. */
  static long treeSize(Relay relay, String rendition) {
    var root = relay.mirror().published().get(rendition);
    return root == null ? 0 : root.treeSize();
  }

  private static String log(LiveNode source) {
    try {
      return source.publishing() ? "running" : source.publisherLog();
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
