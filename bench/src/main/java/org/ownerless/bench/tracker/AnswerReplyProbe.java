package org.ownerless.bench.tracker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Asks the server, before the load starts, whether it sends an announce reply to a message that
 * only carries an answer. Ours does (every announce is replied to); npm bittorrent-tracker does not.
 * The generator must know, because the replies are indistinguishable: to time an announce it pairs
 * each reply with the message that caused it, in order, per connection.
 *
 * <p>Two peers in a private swarm: B offers, A answers, then A scrapes. Whatever A receives between
 * its answer and the scrape reply is the answer's reply, if the server sends one.
 */
final class AnswerReplyProbe {
  private static final long STEP_SECONDS = 3;

  private AnswerReplyProbe() {}

  /** True or false as observed; null if the server did not behave like a tracker in time. */
  static Boolean answersAreReplied(URI url) {
    HttpClient http = HttpClient.newHttpClient();
    Peer a = null, b = null;
    try {
      String hash = ascii20("probe-swarm-");
      a = new Peer(http, url);
      b = new Peer(http, url);
      String idA = ascii20("-PA0001-"), idB = ascii20("-PB0001-"), offerId = ascii20("probe-offer-");
      a.send(announce(hash, idA, ""));
      if (a.until("\"interval\"") == null) return null;
      b.send(announce(hash, idB, ",\"offers\":[{\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\"},\"offer_id\":\""
          + offerId + "\"}]"));
      if (a.until("\"offer\"") == null) return null;
      a.send("{\"action\":\"announce\",\"info_hash\":\"" + hash + "\",\"peer_id\":\"" + idA
          + "\",\"to_peer_id\":\"" + idB + "\",\"offer_id\":\"" + offerId
          + "\",\"answer\":{\"type\":\"answer\",\"sdp\":\"v=1\"}}");
      if (b.until("\"answer\"") == null) return null; // the server has handled the answer
      a.send("{\"action\":\"scrape\",\"info_hash\":\"" + hash + "\"}");
      boolean replied = false;
      for (String m; (m = a.next()) != null; ) {
        if (m.contains("\"scrape\"")) return replied;
        replied |= m.contains("\"interval\"") || m.contains("failure reason");
      }
      return null;
    } catch (Exception e) {
      return null;
    } finally {
      if (a != null) a.ws.abort();
      if (b != null) b.ws.abort();
    }
  }

  private static String announce(String hash, String peerId, String extra) {
    return "{\"action\":\"announce\",\"info_hash\":\"" + hash + "\",\"peer_id\":\"" + peerId
        + "\",\"numwant\":1,\"uploaded\":0,\"downloaded\":0,\"left\":1,\"event\":\"started\"" + extra + "}";
  }

  /** A prefix padded with random ASCII letters to the 20 characters trackers require. */
  private static String ascii20(String prefix) {
    StringBuilder s = new StringBuilder(prefix);
    java.util.Random r = new java.util.Random();
    while (s.length() < 20) s.append((char) ('a' + r.nextInt(26)));
    return s.toString();
  }

  private static final class Peer implements WebSocket.Listener {
    final BlockingQueue<String> in = new LinkedBlockingQueue<>();
    final WebSocket ws;
    private final StringBuilder partial = new StringBuilder();

    Peer(HttpClient http, URI url) throws Exception {
      ws = http.newWebSocketBuilder().buildAsync(url, this).get(STEP_SECONDS, TimeUnit.SECONDS);
    }

    void send(String text) throws Exception {
      ws.sendText(text, true).get(STEP_SECONDS, TimeUnit.SECONDS);
    }

    String next() throws InterruptedException {
      return in.poll(STEP_SECONDS, TimeUnit.SECONDS);
    }

    /** Messages up to and including the first containing {@code marker}; null on timeout. */
    String until(String marker) throws InterruptedException {
      for (String m; (m = next()) != null; ) {
        if (m.contains(marker)) return m;
      }
      return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        in.add(partial.toString());
        partial.setLength(0);
      }
      w.request(1);
      return null;
    }
  }
}
