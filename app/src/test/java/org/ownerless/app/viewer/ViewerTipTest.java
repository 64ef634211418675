package org.ownerless.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.testing.Await;
import org.ownerless.app.testing.Chromium;
import org.ownerless.app.testing.DocScreenshots;
import org.ownerless.app.testing.LiveNode;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.TipTargets;

/**
 * Tipping from the viewer page in real Chromium: the tip targets come from the creator's signed
 * announce, served by a real node; the Lightning address service is served by the test
 * ({@link TipLnurlEndpoint}, real BOLT11 invoices) and the wallets are providers injected into the
 * page (WebLN, EIP-1193) that record every call. What reaches a wallet must be exactly what the
 * viewer asked for, to exactly the signed target.
 */
@Tag("e2e")
class ViewerTipTest {
  static final String LIGHTNING = "tips@tips.example";
  /** Mixed case (EIP-55) on purpose: the viewer must hand the wallet the address exactly as signed. */
  static final String EVM_ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7";
  static final long CHAIN_ID = 8453L;
  static final String CHAIN_HEX = "0x2105";
  static final String ACCOUNT = "0x1111111111111111111111111111111111111111";
  static final String TX_HASH = "0x" + "ab".repeat(32);
  static final Duration VERIFIED = Duration.ofSeconds(90);
  static final double SETTLED_MS = 60_000;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path data;
  static LiveNode live;
  static Chromium chromium;

  @BeforeAll
  static void start() throws Exception {
    live = LiveNode.start(data, "src", LatencyMode.NORMAL, new TipTargets(LIGHTNING, EVM_ADDRESS, CHAIN_ID), 240);
    chromium = new Chromium();
    live.awaitSegments("src", 3, Duration.ofSeconds(40));
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (live != null) {
      live.close();
    }
  }

  @Test
  void aLightningTipIsPaidWithWeblnForExactlyTheInvoiceOfTheRequestedAmount() throws Exception {
    Page page = chromium.newViewer();
    try {
      TipLnurlEndpoint lnurl = new TipLnurlEndpoint(LIGHTNING).serve(page);
      page.addInitScript(weblnWallet(lnurl.preimage));
      page.navigate(live.watchUrl());
      Await.until(page, VERIFIED, "playing, with the tip panel of the verified announce",
          s -> s.state().equals("playing") && s.verifiedSegments() >= 1 && hasPanel(page));
      assertThat(page.getAttribute("[data-tip-target=lightning] .ol-tip-address", "data-full")).isEqualTo(LIGHTNING);

      page.fill("input[data-tip-amount=lightning]", "2100");
      page.click("button[data-tip=lightning]");

      assertThat(settled(page, "lightning")).as(status(page, "lightning")).isEqualTo("paid");
      assertThat(lnurl.requests).as("the pay request, then one callback for exactly 2100 sats in msat")
          .containsExactly(lnurl.payRequestUrl(), lnurl.callbackUrl() + "?amount=2100000");
      assertThat(lnurl.invoices).hasSize(1);
      String invoice = lnurl.invoices.get(0);
      assertThat(invoice).startsWith("lnbc21000n1");
      List<JsonNode> calls = calls(page, "__weblnCalls");
      assertThat(calls).extracting(c -> c.get("method").asText()).containsExactly("enable", "sendPayment");
      assertThat(calls.get(1).get("args")).hasSize(1);
      assertThat(calls.get(1).get("args").get(0).asText()).isEqualTo(invoice);
      assertThat(page.getAttribute("[data-tip-target=lightning] .ol-tip-status", "data-proof"))
          .isEqualTo(lnurl.preimage);
      assertThat(page.textContent("[data-tip-target=lightning] .ol-tip-status")).contains("Paid")
          .contains(lnurl.preimage);
      assertThat(page.isHidden("[data-tip-target=lightning] .ol-tip-fallback")).isTrue();
      assertThat(page.isEnabled("button[data-tip=lightning]")).isTrue();

      Path shot = DocScreenshots.of("viewer-tip.png");
      page.locator("section.ol-tip[data-tip-panel]").scrollIntoViewIfNeeded();
      page.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(true));
      assertThat(Files.size(shot)).isPositive();
    } finally {
      close(page);
    }
  }

  @Test
  void anInvoiceForAnotherAmountIsNeverPaid() throws Exception {
    Page page = chromium.newViewer();
    try {
      TipLnurlEndpoint lnurl = new TipLnurlEndpoint(LIGHTNING).serve(page);
      lnurl.invoiceMsat = msat -> msat + 1_000; // one sat more than asked
      page.addInitScript(weblnWallet(lnurl.preimage));
      page.navigate(live.watchUrl());
      awaitPanel(page);

      page.fill("input[data-tip-amount=lightning]", "2100");
      page.click("button[data-tip=lightning]");

      assertThat(settled(page, "lightning")).as(status(page, "lightning")).isEqualTo("error");
      assertThat(lnurl.callbacks()).containsExactly(lnurl.callbackUrl() + "?amount=2100000");
      assertThat(lnurl.invoices).as("the wrong invoice was served").hasSize(1);
      assertThat(calls(page, "__weblnCalls")).extracting(c -> c.get("method").asText())
          .doesNotContain("sendPayment");
      assertThat(page.textContent("[data-tip-target=lightning] .ol-tip-status"))
          .contains("2101 sats").contains("2100 sats").contains("not paying");
      assertThat(page.getAttribute("[data-tip-target=lightning] .ol-tip-status", "data-proof")).isNull();
      assertThat(page.isHidden("[data-tip-target=lightning] .ol-tip-fallback")).isTrue();
    } finally {
      close(page);
    }
  }

  @Test
  void aPreimageThatDoesNotMatchTheInvoiceIsNotReportedAsPaid() throws Exception {
    Page page = chromium.newViewer();
    try {
      TipLnurlEndpoint lnurl = new TipLnurlEndpoint(LIGHTNING).serve(page);
      page.addInitScript(weblnWallet("00".repeat(32)));
      page.navigate(live.watchUrl());
      awaitPanel(page);

      page.fill("input[data-tip-amount=lightning]", "21");
      page.click("button[data-tip=lightning]");

      assertThat(settled(page, "lightning")).as(status(page, "lightning")).isEqualTo("error");
      assertThat(calls(page, "__weblnCalls")).extracting(c -> c.get("method").asText())
          .containsExactly("enable", "sendPayment");
      assertThat(page.textContent("[data-tip-target=lightning] .ol-tip-status")).contains("does not match");
      assertThat(page.getAttribute("[data-tip-target=lightning] .ol-tip-status", "data-proof")).isNull();
    } finally {
      close(page);
    }
  }

  @Test
  void withoutWeblnTheCheckedInvoiceIsShownToPayWithAnyWallet() throws Exception {
    Page page = chromium.newViewer();
    try {
      TipLnurlEndpoint lnurl = new TipLnurlEndpoint(LIGHTNING).serve(page);
      page.navigate(live.watchUrl());
      awaitPanel(page);
      assertThat(page.evaluate("() => typeof window.webln")).isEqualTo("undefined");
      assertThat(page.isHidden("[data-tip-target=lightning] .ol-tip-fallback")).isTrue();

      page.fill("input[data-tip-amount=lightning]", "500");
      page.click("button[data-tip=lightning]");

      settled(page, "lightning");
      assertThat(lnurl.callbacks()).containsExactly(lnurl.callbackUrl() + "?amount=500000");
      assertThat(lnurl.invoices).hasSize(1);
      String invoice = lnurl.invoices.get(0);
      String fallback = "[data-tip-target=lightning] .ol-tip-fallback";
      assertThat(page.isVisible(fallback)).isTrue();
      assertThat(page.getAttribute(fallback, "data-fallback")).isEqualTo("invoice");
      assertThat(page.textContent(fallback + " code.ol-tip-fallback-value")).isEqualTo(invoice);
      assertThat(page.getAttribute(fallback + " a.ol-tip-fallback-link", "href")).isEqualTo("lightning:" + invoice);
      assertThat(page.getAttribute("[data-tip-target=lightning] .ol-tip-status", "data-state")).isEqualTo("idle");
      assertThat(page.textContent("[data-tip-target=lightning] .ol-tip-status")).contains("No WebLN");
    } finally {
      close(page);
    }
  }

  @Test
  void anEvmTipSwitchesToTheSignedChainAndSendsExactlyTheAmountToTheSignedAddress() throws Exception {
    Page page = chromium.newViewer();
    try {
      page.addInitScript(ethereumWallet("0x1", false));
      page.navigate(live.watchUrl());
      awaitPanel(page);
      assertThat(page.getAttribute("[data-tip-target=evm] .ol-tip-address", "data-full")).isEqualTo(EVM_ADDRESS);
      assertThat(page.getAttribute("[data-tip-target=evm] .ol-tip-chain", "data-chain-id")).isEqualTo("8453");

      page.fill("input[data-tip-amount=evm]", "0.0005");
      page.click("button[data-tip=evm]");

      assertThat(settled(page, "evm")).as(status(page, "evm")).isEqualTo("paid");
      List<JsonNode> calls = calls(page, "__ethCalls");
      assertThat(calls).extracting(c -> c.get("method").asText()).containsExactly("eth_requestAccounts",
          "eth_chainId", "wallet_switchEthereumChain", "eth_chainId", "eth_sendTransaction");
      assertThat(calls.get(2).get("params")).isEqualTo(JSON.readTree("[{\"chainId\": \"" + CHAIN_HEX + "\"}]"));
      JsonNode tx = calls.get(4).get("params");
      assertThat(tx).hasSize(1);
      assertThat(tx.get(0)).as("nothing but from, to, value and the signed chain")
          .isEqualTo(JSON.createObjectNode().put("from", ACCOUNT).put("to", EVM_ADDRESS)
              .put("value", "0x" + Long.toHexString(500_000_000_000_000L)).put("chainId", CHAIN_HEX));
      assertThat(page.getAttribute("[data-tip-target=evm] .ol-tip-status", "data-proof")).isEqualTo(TX_HASH);
      assertThat(page.textContent("[data-tip-target=evm] .ol-tip-status")).contains(TX_HASH);
    } finally {
      close(page);
    }
  }

  @Test
  void anEvmTipRefusedInTheWalletShowsRefused() throws Exception {
    Page page = chromium.newViewer();
    try {
      page.addInitScript(ethereumWallet(CHAIN_HEX, true));
      page.navigate(live.watchUrl());
      awaitPanel(page);

      page.fill("input[data-tip-amount=evm]", "0.0005");
      page.click("button[data-tip=evm]");

      assertThat(settled(page, "evm")).as(status(page, "evm")).isEqualTo("refused");
      assertThat(calls(page, "__ethCalls")).extracting(c -> c.get("method").asText())
          .as("already on the signed chain: no switch, the chain read again right before sending")
          .containsExactly("eth_requestAccounts", "eth_chainId", "eth_chainId", "eth_sendTransaction");
      assertThat(page.getAttribute("[data-tip-target=evm] .ol-tip-status", "data-proof")).isNull();
      assertThat(page.textContent("[data-tip-target=evm] .ol-tip-status")).contains("cancelled");
      assertThat(page.isEnabled("button[data-tip=evm]")).as("the viewer may try again").isTrue();
    } finally {
      close(page);
    }
  }

  // --- wallets injected into the page -------------------------------------------------------------

  /** A WebLN provider that pays anything, answering with {@code preimage}, and records each call. */
  static String weblnWallet(String preimage) {
    return """
        (() => {
          const calls = [];
          window.__weblnCalls = calls;
          window.webln = {
            async enable() { calls.push({method: 'enable', args: []}); },
            async getInfo() { calls.push({method: 'getInfo', args: []}); return {node: {alias: 'test wallet'}}; },
            async sendPayment(paymentRequest) {
              calls.push({method: 'sendPayment', args: [...arguments]});
              return {preimage: '%s'};
            },
          };
        })();
        """.formatted(preimage);
  }

  /**
   * An EIP-1193 provider with one account, on chain {@code startChainHex} until asked to switch; it
   * answers eth_sendTransaction with {@link #TX_HASH}, or rejects it with 4001 when {@code refuse}.
   */
  static String ethereumWallet(String startChainHex, boolean refuse) {
    return """
        (() => {
          const calls = [];
          window.__ethCalls = calls;
          let chainId = '%s';
          const fail = (code, message) => Object.assign(new Error(message), {code});
          window.ethereum = {
            async request(args) {
              const {method, params} = args;
              calls.push({method, params: params === undefined ? null : JSON.parse(JSON.stringify(params))});
              switch (method) {
                case 'eth_requestAccounts':
                case 'eth_accounts':
                  return ['%s'];
                case 'eth_chainId':
                  return chainId;
                case 'wallet_switchEthereumChain':
                  chainId = params[0].chainId;
                  return null;
                case 'eth_sendTransaction':
                  if (%s) throw fail(4001, 'User rejected the request.');
                  return '%s';
                default:
                  throw fail(4200, 'unsupported method ' + method);
              }
            },
            on() {},
            removeListener() {},
          };
        })();
        """.formatted(startChainHex, ACCOUNT, refuse, TX_HASH);
  }

  // --- helpers --------------------------------------------------------------------------------------

  static boolean hasPanel(Page page) {
    return page.locator("section.ol-tip[data-tip-panel]").count() > 0;
  }

  static void awaitPanel(Page page) throws InterruptedException {
    Await.until(page, VERIFIED, "the tip panel of the verified announce", s -> hasPanel(page));
  }

  /**
   * Waits until the tip of {@code kind} is over: paid, refused, error, or a fallback shown.
   * @return the final data-state
   */
  static String settled(Page page, String kind) {
    try {
      page.waitForFunction("""
          kind => {
            const form = document.querySelector(`[data-tip-target=${kind}]`);
            const state = form && form.querySelector('.ol-tip-status').dataset.state;
            const fallback = form && form.querySelector('.ol-tip-fallback');
            return ['paid', 'refused', 'error'].includes(state) || (fallback && !fallback.hidden);
          }""", kind, new Page.WaitForFunctionOptions().setTimeout(SETTLED_MS).setPollingInterval(100));
    } catch (PlaywrightException e) {
      throw new AssertionError("the " + kind + " tip never settled: " + status(page, kind) + "\nconsole:\n  "
          + String.join("\n  ", Chromium.console(page)), e);
    }
    return page.getAttribute("[data-tip-target=" + kind + "] .ol-tip-status", "data-state");
  }

  static String status(Page page, String kind) {
    return String.valueOf(page.evaluate("""
        kind => {
          const s = document.querySelector(`[data-tip-target=${kind}] .ol-tip-status`);
          return s ? `${s.dataset.state}: ${s.textContent}` : 'no status element';
        }""", kind));
  }

  static List<JsonNode> calls(Page page, String global) throws Exception {
    JsonNode all = JSON.readTree(String.valueOf(page.evaluate("g => JSON.stringify(window[g] || [])", global)));
    List<JsonNode> out = new ArrayList<>();
    all.forEach(out::add);
    return out;
  }

  static void close(Page page) {
    try {
      page.context().browser().close();
    } catch (RuntimeException e) {
      // already gone
    }
  }
}
