package org.ownerless.app.viewer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongUnaryOperator;

/**
 * A LUD-16 / LUD-06 Lightning address service for {@code user@domain}, served by the test to one
 * browser page through Playwright request interception (the page asks https://domain/...; nothing
 * leaves the machine). It answers the pay request and, on the callback, a real BOLT11 invoice for
 * {@code invoiceMsat.apply(requested)} committing to SHA-256(metadata) and to the payment hash of
 * {@link #preimage}. Every request it sees and every invoice it hands out is recorded.
 */
final class TipLnurlEndpoint {
  static final long MIN_SENDABLE = 1_000;
  static final long MAX_SENDABLE = 1_000_000_000;

  final String user;
  final String domain;
  final String metadata;
  /** What a wallet that paid the invoices would learn; SHA-256 of it is each invoice's payment hash. */
  final String preimage;
  final String paymentHash;
  /** Requested msat → msat the invoice asks for (identity for an honest service). */
  volatile LongUnaryOperator invoiceMsat = LongUnaryOperator.identity();
  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<String> invoices = new CopyOnWriteArrayList<>();

  private static final ObjectMapper JSON = new ObjectMapper();

  TipLnurlEndpoint(String address) {
    int at = address.indexOf('@');
    this.user = address.substring(0, at);
    this.domain = address.substring(at + 1);
    this.metadata = "[[\"text/plain\",\"Tip the viewer test creator\"],[\"text/identifier\",\"" + address + "\"]]";
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.preimage = HexFormat.of().formatHex(secret);
    this.paymentHash = TipInvoice.sha256Hex(secret);
  }

  String payRequestUrl() {
    return "https://" + domain + "/.well-known/lnurlp/" + user;
  }

  String callbackUrl() {
    return "https://" + domain + "/lnurlp/" + user + "/callback";
  }

  /** The callback requests seen, in order. */
  List<String> callbacks() {
    return requests.stream().filter(u -> u.startsWith(callbackUrl())).toList();
  }

  /** Serves this service to {@code page} (call before navigating). */
  TipLnurlEndpoint serve(Page page) {
    page.route("https://" + domain + "/**", this::handle);
    return this;
  }

  private void handle(Route route) {
    String url = route.request().url();
    requests.add(url);
    try {
      if (!route.request().method().equals("GET")) {
        reply(route, 405, Map.of("status", "ERROR", "reason", "GET only"));
      } else if (url.equals(payRequestUrl())) {
        reply(route, 200, Map.of("tag", "payRequest", "callback", callbackUrl(), "minSendable", MIN_SENDABLE,
            "maxSendable", MAX_SENDABLE, "metadata", metadata));
      } else if (url.startsWith(callbackUrl() + "?")) {
        String query = URI.create(url).getRawQuery();
        long msat = Long.parseLong(query.replaceFirst("^amount=", ""));
        String pr = TipInvoice.make(invoiceMsat.applyAsLong(msat), paymentHash, TipInvoice.sha256Hex(metadata));
        invoices.add(pr);
        reply(route, 200, Map.of("pr", pr, "routes", List.of()));
      } else {
        reply(route, 404, Map.of("status", "ERROR", "reason", "no such thing"));
      }
    } catch (RuntimeException e) {
      reply(route, 400, Map.of("status", "ERROR", "reason", String.valueOf(e)));
    }
  }

  private static void reply(Route route, int status, Map<String, ?> body) {
    try {
      route.fulfill(new Route.FulfillOptions().setStatus(status)
          .setHeaders(Map.of("Content-Type", "application/json", "Access-Control-Allow-Origin", "*",
              "Cache-Control", "no-store"))
          .setBody(JSON.writeValueAsString(body)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
