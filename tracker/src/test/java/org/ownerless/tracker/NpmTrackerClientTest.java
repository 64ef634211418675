package org.ownerless.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ownerless.tracker.npm.NpmScripts;

/**
 * The real npm bittorrent-tracker client (the one p2p-media-loader uses) against our tracker: two
 * viewers with separate sockets announce with offers, an offer crosses to the other viewer and its
 * answer comes back, scrape counts follow complete and stop, and nothing is left behind.
 */
@Tag("e2e")
class NpmTrackerClientTest {

  @Test
  void twoRealClientsExchangeOfferAndAnswerAndScrapeCountsAreRight() throws Exception {
    try (TrackerServer server = new TrackerServer(new InetSocketAddress("127.0.0.1", 0), TrackerConfig.defaults())) {
      int port = server.start();
      NpmScripts.Result r = NpmScripts.node(60, "two-peers.mjs", "ws://127.0.0.1:" + port + "/announce");
      assertThat(r.exit()).as(r.output()).isZero();
      JsonNode result = new ObjectMapper().readTree(r.lastLine());

      assertThat(result.get("warnings")).as("client warnings").isEmpty();
      assertThat(counts(result, "firstAnnounce")).isEqualTo("0/1");
      assertThat(counts(result, "secondAnnounce")).isEqualTo("0/2");
      assertThat(result.get("offersGenerated").asInt()).isEqualTo(5);
      // B's offer reached A, whose answer came back to the very connection that made the offer.
      assertThat(result.get("offererIsB").asBoolean()).as(result.toString()).isTrue();
      assertThat(counts(result, "afterComplete")).isEqualTo("1/1");
      assertThat(counts(result, "scrapeBoth")).isEqualTo("1/1");
      assertThat(result.get("scrapeBoth").get("downloaded").asInt()).isEqualTo(1);
      // A stopped: only B is left, as the tracker's own books say too.
      assertThat(counts(result, "afterStop")).isEqualTo("0/1");
      assertThat(counts(result, "scrapeAfterStop")).isEqualTo("0/1");

      TrackerProtocolTest.await(() -> server.connections() == 0);
      assertThat(server.peerCount()).isZero();
      assertThat(server.swarmCount()).isZero();
    }
  }

  private static String counts(JsonNode result, String step) {
    JsonNode n = result.get(step);
    assertThat(n).as(step + " in " + result).isNotNull();
    return n.get("complete").asInt() + "/" + n.get("incomplete").asInt();
  }
}
