package org.ownerless.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.testing.Chromium;
import org.ownerless.app.testing.LiveNode;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.TipTargets;

/**
 * With a Reown project id configured, a viewer without a browser wallet tips through Reown AppKit,
 * whose code is fetched only when the EVM tip button is clicked.
 */
@Tag("e2e")
class ViewerWalletConnectTest {
  @TempDir Path data;

  @Test
  void appKitIsLoadedOnlyOnClickAndOpensItsWalletModal() throws Exception {
    TipTargets tips = new TipTargets(null, "0x52908400098527886E0F7030069857D2E4169EE7", 8453L);
    try (LiveNode live = LiveNode.start(data, "src", LatencyMode.NORMAL, tips, 90, "0123456789abcdef0123456789abcdef");
        Chromium chromium = new Chromium()) {
      live.awaitSegments("src", 2, Duration.ofSeconds(40));
      Page page = chromium.newViewer();
      List<String> scripts = new CopyOnWriteArrayList<>();
      page.onRequest(r -> {
        if (r.url().contains("/viewer/") && r.url().endsWith(".js")) {
          scripts.add(r.url());
        }
      });
      page.navigate(live.watchUrl());
      page.waitForSelector("button[data-tip=evm]", new Page.WaitForSelectorOptions().setTimeout(60_000));
      assertThat(page.getAttribute("[data-part=player]", "data-reown-project-id"))
          .isEqualTo("0123456789abcdef0123456789abcdef");
      int before = scripts.size();
      assertThat(page.evaluate("() => customElements.get('w3m-modal') === undefined")).isEqualTo(true);

      page.fill("input[data-tip-amount=evm]", "0.001");
      page.click("button[data-tip=evm]");
      page.waitForFunction("() => customElements.get('w3m-modal') !== undefined", null,
          new Page.WaitForFunctionOptions().setTimeout(60_000));
      assertThat(scripts.size()).as("AppKit chunks fetched on click: " + scripts.subList(before, scripts.size()))
          .isGreaterThan(before);
      page.waitForSelector("w3m-modal", new Page.WaitForSelectorOptions().setTimeout(30_000)
          .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
    }
  }
}
