package org.ownerless.tracker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * One parsed client message. Read with Jackson's streaming parser (no trees: the tracker parses
 * every message it receives); {@link #parse} throws {@link TrackerException} carrying the reply.
 */
record TrackerRequest(String action, List<String> infoHashes, String peerId, int numwant, String event, long left,
    List<Offer> offers, String answer, String toPeerId, String offerId) {

  record Offer(String offerId, String offerJson) {}

  private static final JsonFactory JSON = new JsonFactory();
  /** A scrape may name this many swarms; more would let one message make the server walk them all. */
  static final int MAX_SCRAPE = 64;

  static TrackerRequest parse(String text, int maxOffers) throws TrackerException {
    try (JsonParser p = JSON.createParser(text)) {
      return read(p, maxOffers);
    } catch (TrackerException e) {
      throw e;
    } catch (Exception e) {
      throw new TrackerException(null, "invalid JSON");
    }
  }

  private static TrackerRequest read(JsonParser p, int maxOffers) throws Exception {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new TrackerException(null, "a message must be a JSON object");
    }
    String action = null, peerId = null, event = null, answer = null, toPeerId = null, offerId = null;
    List<String> hashes = null;
    List<Offer> offers = List.of();
    int numwant = 50;
    long left = 1;
    boolean badOffers = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.getCurrentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "action": action = t == JsonToken.VALUE_STRING ? p.getText() : null; break;
        case "info_hash":
          hashes = new ArrayList<>();
          if (t == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
              if (hashes.size() >= MAX_SCRAPE) {
                throw new TrackerException(action, "too many info_hash values (limit " + MAX_SCRAPE + ")");
              }
              hashes.add(p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null);
              p.skipChildren();
            }
          } else {
            hashes.add(t == JsonToken.VALUE_STRING ? p.getText() : null);
            p.skipChildren();
          }
          break;
        case "peer_id": peerId = str(p, t); break;
        case "event": event = str(p, t); break;
        case "to_peer_id": toPeerId = str(p, t); break;
        case "offer_id": offerId = str(p, t); break;
        case "numwant": numwant = t == JsonToken.VALUE_NUMBER_INT ? clamp(p.getLongValue()) : 50; p.skipChildren(); break;
        case "left": left = t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT ? (long) p.getDoubleValue() : 1; p.skipChildren(); break;
        case "answer": answer = t == JsonToken.START_OBJECT ? copy(p) : skip(p); break;
        case "offers":
          if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            break;
          }
          offers = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            if (offers.size() >= maxOffers) {
              throw new TrackerException("announce", "too many offers (limit " + maxOffers + ")");
            }
            Offer o = p.currentToken() == JsonToken.START_OBJECT ? offer(p) : null;
            if (o == null) {
              badOffers = true;
              p.skipChildren();
            } else {
              offers.add(o);
            }
          }
          break;
        default: p.skipChildren();
      }
    }
    if (!"announce".equals(action) && !"scrape".equals(action)) {
      throw new TrackerException("announce", "invalid action");
    }
    if (hashes != null) {
      for (String h : hashes) {
        if (!WireIds.valid(h)) {
          throw new TrackerException(action, "invalid info_hash");
        }
      }
    }
    if (action.equals("scrape")) {
      return new TrackerRequest(action, hashes, null, 0, null, 0, List.of(), null, null, null);
    }
    if (hashes == null || hashes.size() != 1) {
      throw new TrackerException(action, "invalid info_hash");
    }
    if (!WireIds.valid(peerId)) {
      throw new TrackerException(action, "invalid peer_id");
    }
    if (badOffers) {
      throw new TrackerException(action, "invalid offer");
    }
    if (answer != null && (!WireIds.valid(toPeerId) || !WireIds.valid(offerId))) {
      throw new TrackerException(action, "invalid answer");
    }
    return new TrackerRequest(action, hashes, peerId, numwant, event, left, offers, answer, toPeerId, offerId);
  }

  /** {offer:{...}, offer_id:"..."} with the parser on its START_OBJECT; null when malformed. */
  private static Offer offer(JsonParser p) throws Exception {
    String id = null, json = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.getCurrentName();
      JsonToken t = p.nextToken();
      if (name.equals("offer_id")) {
        id = str(p, t);
      } else if (name.equals("offer") && t == JsonToken.START_OBJECT) {
        json = copy(p);
      } else {
        p.skipChildren();
      }
    }
    return WireIds.valid(id) && json != null ? new Offer(id, json) : null;
  }

  private static String str(JsonParser p, JsonToken t) throws Exception {
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    p.skipChildren();
    return null;
  }

  private static String skip(JsonParser p) throws Exception {
    p.skipChildren();
    return null;
  }

  /** The current object re-serialized compactly, to be forwarded as the client sent it. */
  private static String copy(JsonParser p) throws Exception {
    StringWriter w = new StringWriter(512);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.copyCurrentStructure(p);
    }
    return w.toString();
  }

  private static int clamp(long v) {
    return (int) Math.max(0, Math.min(v, 1000));
  }
}
