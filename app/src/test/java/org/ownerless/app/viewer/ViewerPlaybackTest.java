package org.ownerless.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.testing.Await;
import org.ownerless.app.testing.Chromium;
import org.ownerless.app.testing.LiveNode;
import org.ownerless.app.testing.StaticHost;
import org.ownerless.app.testing.ViewerStats;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.TipTargets;

/** A stream published over RTMP plays, verified, in real Chromium from the node's own viewer page. */
@Tag("e2e")
class ViewerPlaybackTest {
  @TempDir Path data;

  @Test
  void aPublishedStreamPlaysAndEverySegmentIsVerified() throws Exception {
    try (LiveNode live = LiveNode.start(data, "src,144p:144:200", LatencyMode.NORMAL, TipTargets.NONE, 90);
        Chromium chromium = new Chromium()) {
      live.awaitSegments("src", 3, Duration.ofSeconds(40));
      Page page = chromium.open(live.watchUrl());

      ViewerStats first = Await.until(page, Duration.ofSeconds(60), "playing with 3 verified segments",
          s -> s.state().equals("playing") && s.verifiedSegments() >= 3 && s.currentTime() > 1);
      ViewerStats later = Await.until(page, Duration.ofSeconds(30), "playback advancing by 4 s",
          s -> s.currentTime() > first.currentTime() + 4 && s.verifiedSegments() > first.verifiedSegments());
      assertThat(later.rejectedSegments()).isZero();
      assertThat(later.httpBytes()).isPositive();
      assertThat(page.textContent("[data-field=title]")).isEqualTo("Viewer test");
      assertThat(page.getAttribute("[data-field=creator]", "title"))
          .isEqualTo(live.creator.publicKey().toBase64Url());
      assertThat(page.textContent("[data-field=live]")).isEqualTo("LIVE");
    }
  }

  @Test
  void aPlainHttpPageWithoutWebCryptoStillVerifiesEverySegment() throws Exception {
    try (LiveNode live = LiveNode.start(data, "src", LatencyMode.LOW, TipTargets.NONE, 60);
        Chromium chromium = new Chromium()) {
      live.awaitSegments("src", 3, Duration.ofSeconds(40));
      // A name that is not localhost: Chromium treats the page as insecure and hides crypto.subtle,
      // as it would for a node reached over plain http on a LAN address.
      Page page = chromium.newViewer(List.of("--host-resolver-rules=MAP viewer.test 127.0.0.1"));
      page.navigate(live.watchUrl().replace("127.0.0.1", "viewer.test"));
      assertThat(page.evaluate("() => [window.isSecureContext, typeof crypto.subtle]")).asString()
          .isEqualTo("[false, undefined]");
      ViewerStats s = Await.until(page, Duration.ofSeconds(60), "playing with verified segments",
          x -> x.state().equals("playing") && x.verifiedSegments() >= 3);
      assertThat(s.rejectedSegments()).isZero();
    }
  }

  @Test
  void aCopyOfThePageOnAnyStaticHostPlaysGivenOnlyKeyNameAndHint() throws Exception {
    try (LiveNode live = LiveNode.start(data, "src", LatencyMode.NORMAL, TipTargets.NONE, 60);
        Chromium chromium = new Chromium()) {
      Path site = data.resolve("static-site");
      org.ownerless.viewer.ViewerAssets.extractTo(site);
      try (StaticHost host = new StaticHost(site)) {
        live.awaitSegments("src", 3, Duration.ofSeconds(40));
        Page page = chromium.newViewer();
        page.navigate(host.url() + "watch.html?pub=" + live.creator.publicKey().toBase64Url() + "&name=show&hint="
            + live.node.publicUrl());
        ViewerStats s = Await.until(page, Duration.ofSeconds(60), "playing from the node named by the hint",
            x -> x.state().equals("playing") && x.verifiedSegments() >= 3);
        assertThat(s.rejectedSegments()).isZero();
        assertThat(page.textContent("[data-field=title]")).isEqualTo("Viewer test");
      }
    }
  }
}
