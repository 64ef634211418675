package org.ownerless.protocol.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.crypto.PublicKey;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.json.JsonFields;
import org.ownerless.protocol.json.StrictJson;
import org.ownerless.protocol.signing.SignedObject;

/**
 * STREAM_ANNOUNCE: the creator's signed statement of what the stream is and where to find it.
 * A higher {@code seq} supersedes a lower one; verifiers refuse an expired announce or one older
 * than what they already accepted. Field meanings and limits: docs/protocol.md.
 */
public record StreamAnnounce(
    PublicKey creator,
    String name,
    String title,
    long seq,
    long issuedAtMs,
    long expiresAtMs,
    StreamStatus status,
    LatencyMode latency,
    List<Rendition> renditions,
    List<String> origins,
    List<String> trackers,
    TipTargets tips,
    List<LogHead> logs) {

  public static final String TYPE = "STREAM_ANNOUNCE";
  public static final int MAX_TITLE = 200;
  public static final int MAX_RENDITIONS = 16;
  /** Most origin hints, and most tracker hints, one announce lists. */
  public static final int MAX_HINTS = HintUrls.MAX_COUNT;
  /** Longest hint URL. */
  public static final int MAX_HINT_LENGTH = HintUrls.MAX_LENGTH;

  public StreamAnnounce {
    if (!Names.isStreamName(name)) {
      throw new IllegalArgumentException("invalid stream name '" + name + "': " + Names.STREAM_RULE);
    }
    if (title.length() > MAX_TITLE) {
      throw new IllegalArgumentException("title longer than " + MAX_TITLE + " characters");
    }
    if (seq < 0 || seq > StrictJson.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("seq out of range: " + seq);
    }
    if (issuedAtMs < 0 || expiresAtMs <= issuedAtMs) {
      throw new IllegalArgumentException("expiry must be after issue time");
    }
    if (renditions.size() > MAX_RENDITIONS) {
      throw new IllegalArgumentException("at most " + MAX_RENDITIONS + " renditions");
    }
    if (renditions.stream().map(Rendition::name).distinct().count() != renditions.size()) {
      throw new IllegalArgumentException("rendition names must be unique");
    }
    if (logs.size() > MAX_RENDITIONS) {
      throw new IllegalArgumentException("at most " + MAX_RENDITIONS + " logs");
    }
    if (logs.stream().map(LogHead::rendition).distinct().count() != logs.size()) {
      throw new IllegalArgumentException("logs must name each rendition once");
    }
    for (LogHead head : logs) {
      if (renditions.stream().noneMatch(r -> r.name().equals(head.rendition()))) {
        throw new IllegalArgumentException("logs name rendition '" + head.rendition() + "', which is not announced");
      }
    }
    logs = List.copyOf(logs);
    HintUrls.check(origins, HintUrls.ORIGIN_SCHEMES, "origin");
    HintUrls.check(trackers, HintUrls.TRACKER_SCHEMES, "tracker");
    renditions = List.copyOf(renditions);
    origins = List.copyOf(origins);
    trackers = List.copyOf(trackers);
  }

  public StreamId streamId() {
    return new StreamId(creator, name);
  }

  public Optional<Rendition> rendition(String renditionName) {
    return renditions.stream().filter(r -> r.name().equals(renditionName)).findFirst();
  }

  /** What this announce says of {@code renditionName}'s log, if anything. */
  public Optional<LogHead> log(String renditionName) {
    return logs.stream().filter(h -> h.rendition().equals(renditionName)).findFirst();
  }

  public boolean isExpiredAt(long nowMs) {
    return nowMs >= expiresAtMs;
  }

  public SignedObject sign(Signer signer) {
    return SignedObject.signAs(toBody(), creator, signer);
  }

  /** The signed fields, without {@code sig}. */
  public ObjectNode toBody() {
    ObjectNode o = SignedObject.newStreamBody(TYPE, creator, name);
    o.put("title", title);
    o.put("seq", seq);
    o.put("issuedAtMs", issuedAtMs);
    o.put("expiresAtMs", expiresAtMs);
    o.put("status", status.wire());
    o.put("latency", latency.wire());
    ArrayNode rends = o.putArray("renditions");
    renditions.forEach(r -> rends.add(r.toJson()));
    ObjectNode hints = o.putObject("hints");
    origins.forEach(hints.putArray("origins")::add);
    trackers.forEach(hints.putArray("trackers")::add);
    o.set("tips", tips.toJson());
    ArrayNode heads = o.putArray("logs");
    logs.forEach(h -> heads.add(h.toJson()));
    return o;
  }

  /** Reads the fields of an envelope whose type is STREAM_ANNOUNCE (signature not checked here). */
  public static StreamAnnounce fromSigned(SignedObject signed) throws ProtocolException {
    JsonFields f = signed.fields(TYPE);
    try {
      PublicKey creator = parseKey(f.string("creator", 64), f);
      String name = f.string("name", Names.STREAM, Names.STREAM_RULE);
      String title = f.string("title", MAX_TITLE);
      long seq = f.integer("seq", 0, StrictJson.MAX_SAFE_INTEGER);
      long issued = f.integer("issuedAtMs", 0, StrictJson.MAX_SAFE_INTEGER);
      long expires = f.integer("expiresAtMs", 0, StrictJson.MAX_SAFE_INTEGER);
      StreamStatus status = StreamStatus.fromWire(f.string("status", 16));
      LatencyMode latency = LatencyMode.fromWire(f.string("latency", 16));
      List<Rendition> renditions = new ArrayList<>();
      List<JsonNode> items = f.array("renditions", MAX_RENDITIONS);
      for (int i = 0; i < items.size(); i++) {
        renditions.add(Rendition.fromJson(items.get(i), TYPE + ".renditions[" + i + "]"));
      }
      JsonFields hints = f.object("hints");
      List<String> origins = hints.stringArray("origins", HintUrls.MAX_COUNT, HintUrls.MAX_LENGTH);
      List<String> trackers = hints.stringArray("trackers", HintUrls.MAX_COUNT, HintUrls.MAX_LENGTH);
      hints.rejectUnknown();
      TipTargets tips = TipTargets.fromJson(f.object("tips"));
      List<LogHead> logs = new ArrayList<>();
      List<JsonNode> heads = f.array("logs", MAX_RENDITIONS);
      for (int i = 0; i < heads.size(); i++) {
        logs.add(LogHead.fromJson(JsonFields.of(heads.get(i), TYPE + ".logs[" + i + "]")));
      }
      f.rejectUnknown();
      return new StreamAnnounce(creator, name, title, seq, issued, expires, status, latency,
          renditions, origins, trackers, tips, logs);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(TYPE + ": " + e.getMessage());
    }
  }

  static PublicKey parseKey(String text, JsonFields f) throws ProtocolException {
    try {
      return PublicKey.parse(text);
    } catch (IllegalArgumentException e) {
      throw f.error("creator", "is not an Ed25519 public key: " + e.getMessage());
    }
  }
}
