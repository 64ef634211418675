package org.ownerless.protocol.vectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.ownerless.protocol.ProtocolVersion;
import org.ownerless.protocol.crypto.Base64Url;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.fixtures.Fixtures;
import org.ownerless.protocol.json.StrictJson;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.signing.SignedObject;

/**
 * Builds docs/test-vectors/protocol.json: every case as exact bytes plus the expected verdict, so the
 * Java verifier and the browser viewer are held to the same answers. Deterministic (fixed seeds and
 * times, Ed25519 signing is deterministic), so the committed file can be checked for staleness.
 */
final class ProtocolVectors {
  private static final HexFormat HEX = HexFormat.of();

  private ProtocolVectors() {}

  static ObjectNode build() {
    ObjectNode root = StrictJson.mapper().createObjectNode();
    root.put("description", "ownerless protocol test vectors (docs/protocol.md). Objects are given as exact UTF-8 text"
        + " ('encodings': as exact bytes, hex); 'expect' is OK or the Problem a verifier must report. Evaluate announces at nowMs.");
    root.put("protocolVersion", ProtocolVersion.CURRENT);
    root.put("nowMs", Fixtures.NOW_MS);
    ArrayNode keys = root.putArray("keys");
    key(keys, "creator", Fixtures.CREATOR);
    key(keys, "other", Fixtures.OTHER);
    canonicalization(root.putArray("canonicalization"));
    signingInput(root.putArray("signingInput"));
    announces(root.putArray("announces"));
    encodings(root.putArray("encodings"));
    manifests(root.putArray("manifests"));
    rootSequences(root.putArray("rootSequences"));
    announceSequences(root.putArray("announceSequences"));
    segments(root.putArray("segments"));
    return root;
  }

  private static void key(ArrayNode keys, String name, Signer s) {
    ObjectNode k = keys.addObject();
    k.put("name", name);
    k.put("seedHex", HEX.formatHex(s.seed()));
    k.put("publicKey", s.publicKey().toBase64Url());
  }

  private static void canonicalization(ArrayNode out) {
    canon(out, "key order by UTF-16 code units (RFC 8785 3.2.3)",
        "{\"\\u20ac\":1,\"\\r\":2,\"\\ufb33\":3,\"1\":4,\"\\ud83d\\ude00\":5,\"\\u0080\":6,\"\\u00f6\":7}",
        "{\"\\r\":2,\"1\":4,\"\u0080\":6,\"\u00f6\":7,\"\u20ac\":1,\"\ud83d\ude00\":5,\"\ufb33\":3}");
    canon(out, "string escaping (RFC 8785 3.2.2.2)",
        "{\"s\":\"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\"}",
        "{\"s\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    canon(out, "whitespace and nesting", "{ \"b\" : [ 1 , -2 , true ] ,\n \"a\" : { \"z\" : \"x\" , \"y\" : 0 } }",
        "{\"a\":{\"y\":0,\"z\":\"x\"},\"b\":[1,-2,true]}");
    canon(out, "safe-range integers", "{\"n\":[0,-0,9007199254740991,-9007199254740991]}",
        "{\"n\":[0,0,9007199254740991,-9007199254740991]}");
    canon(out, "non-ASCII stays raw UTF-8", "{\"t\":\"caf\\u00e9 \\u2713 \u00fcn\u00efc\u00f8d\u00e9\"}",
        "{\"t\":\"caf\u00e9 \u2713 \u00fcn\u00efc\u00f8d\u00e9\"}");
  }

  private static void canon(ArrayNode out, String name, String input, String canonical) {
    ObjectNode v = out.addObject();
    v.put("name", name);
    v.put("input", input);
    v.put("canonical", canonical);
  }

  private static void signingInput(ArrayNode out) {
    SignedObject signed = Fixtures.announce(Fixtures.CREATOR, 1).sign(Fixtures.CREATOR);
    ObjectNode v = out.addObject();
    v.put("name", "announce seq 1");
    v.put("object", text(signed.toCanonicalBytes()));
    v.put("signingInputHex", HEX.formatHex(SignedObject.signingInput(signed.type(), signed.body())));
  }

  private static void announces(ArrayNode out) {
    StreamAnnounce a = Fixtures.announce(Fixtures.CREATOR, 1);
    String good = text(a.sign(Fixtures.CREATOR).toCanonicalBytes());
    obj(out, "valid announce", good, null, "OK");
    obj(out, "valid announce, pinned key", good, Fixtures.CREATOR.publicKey().toBase64Url(), "OK");
    obj(out, "pinned to another key", good, Fixtures.OTHER.publicKey().toBase64Url(), "WRONG_KEY");
    obj(out, "title changed after signing", good.replace("Fixture stream", "Fixture streaM"), null, "BAD_SIGNATURE");
    obj(out, "tip address changed after signing",
        good.replace("0x52908400098527886E0F7030069857D2E4169EE7", "0x0000000000000000000000000000000000000bad"), null,
        "BAD_SIGNATURE");
    obj(out, "signed by another key than the creator it names",
        text(SignedObject.sign(a.toBody(), Fixtures.OTHER).toCanonicalBytes()), null, "BAD_SIGNATURE");
    ObjectNode unknown = a.toBody();
    unknown.put("note", "ignored fields are attack surface");
    obj(out, "unknown field", text(SignedObject.sign(unknown, Fixtures.CREATOR).toCanonicalBytes()), null, "MALFORMED");
    ObjectNode floaty = a.toBody();
    floaty.put("seq", 1.5);
    obj(out, "float value", text(SignedObject.sign(floaty, Fixtures.CREATOR).toCanonicalBytes()), null, "MALFORMED");
    ObjectNode v2 = a.toBody();
    v2.put("v", 2);
    obj(out, "unsupported version", text(SignedObject.sign(v2, Fixtures.CREATOR).toCanonicalBytes()), null, "MALFORMED");
    StreamAnnounce expired = new StreamAnnounce(a.creator(), a.name(), a.title(), 1, Fixtures.ISSUED_AT_MS - 7_200_000,
        Fixtures.ISSUED_AT_MS - 3_600_000, a.status(), a.latency(), a.renditions(), a.origins(), a.trackers(), a.tips());
    obj(out, "expired", text(expired.sign(Fixtures.CREATOR).toCanonicalBytes()), null, "EXPIRED");
    StreamAnnounce future = new StreamAnnounce(a.creator(), a.name(), a.title(), 1, Fixtures.NOW_MS + 3_600_000,
        Fixtures.EXPIRES_AT_MS, a.status(), a.latency(), a.renditions(), a.origins(), a.trackers(), a.tips());
    obj(out, "issued an hour in the future", text(future.sign(Fixtures.CREATOR).toCanonicalBytes()), null, "NOT_YET_VALID");
    obj(out, "signature with padding", good.replaceAll("\"sig\":\"([^\"]+)\"", "\"sig\":\"$1==\""), null, "MALFORMED");
    obj(out, "not JSON", good.substring(0, good.length() - 1), null, "MALFORMED");
    // One spelling per key (§1): a creator that is not a canonical, real key is refused before any signature check.
    String creator = Fixtures.CREATOR.publicKey().toBase64Url();
    badCreator(out, good, creator, "the identity point (small order)",
        "0100000000000000000000000000000000000000000000000000000000000000");
    badCreator(out, good, creator, "a point of order 8",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05");
    badCreator(out, good, creator, "x = 0 with the sign bit set",
        "0100000000000000000000000000000000000000000000000000000000000080");
    badCreator(out, good, creator, "y = p, a second spelling of y = 0",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    badCreator(out, good, creator, "y = p + 1 with the sign bit set",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    badCreator(out, good, creator, "y = 2^255 - 1, a second spelling of y = 18",
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
  }

  private static void badCreator(ArrayNode out, String good, String creator, String what, String keyHex) {
    obj(out, "creator key is " + what, good.replace(creator, Base64Url.encode(HEX.parseHex(keyHex))), null, "MALFORMED");
  }

  /**
   * One valid announce as exact bytes (hex) in other encodings and with invalid UTF-8 spliced in
   * (protocol §2.1: UTF-8 only, no overlong forms): both verifiers must read the bytes, not text.
   */
  private static void encodings(ArrayNode out) {
    String good = text(Fixtures.announce(Fixtures.CREATOR, 1).sign(Fixtures.CREATOR).toCanonicalBytes());
    byte[] utf8 = good.getBytes(StandardCharsets.UTF_8);
    enc(out, "UTF-8, canonical", utf8, "OK");
    enc(out, "UTF-8 with a BOM (dropped)", concat(HEX.parseHex("efbbbf"), utf8), "OK");
    enc(out, "UTF-8 with insignificant whitespace", (" " + good.replace(",\"", ",\n  \"") + "\r\n").getBytes(StandardCharsets.UTF_8),
        "OK");
    enc(out, "UTF-16LE", good.getBytes(StandardCharsets.UTF_16LE), "MALFORMED");
    enc(out, "UTF-16BE", good.getBytes(StandardCharsets.UTF_16BE), "MALFORMED");
    enc(out, "UTF-16LE with a BOM", concat(HEX.parseHex("fffe"), good.getBytes(StandardCharsets.UTF_16LE)), "MALFORMED");
    enc(out, "UTF-16BE with a BOM", concat(HEX.parseHex("feff"), good.getBytes(StandardCharsets.UTF_16BE)), "MALFORMED");
    enc(out, "UTF-32LE", good.getBytes(java.nio.charset.Charset.forName("UTF-32LE")), "MALFORMED");
    enc(out, "UTF-32BE with a BOM",
        concat(HEX.parseHex("0000feff"), good.getBytes(java.nio.charset.Charset.forName("UTF-32BE"))), "MALFORMED");
    String title = "\"Fixture stream\"";
    int at = good.indexOf(title) + 1; // the 'F' of the title
    enc(out, "overlong 'F' in a string (C1 86)", splice(utf8, at, "c186"), "MALFORMED");
    enc(out, "overlong NUL in a string (C0 80)", splice(utf8, at, "c080"), "MALFORMED");
    enc(out, "3-byte overlong 'F' (E0 81 86)", splice(utf8, at, "e08186"), "MALFORMED");
    enc(out, "encoded surrogate U+D800 (ED A0 80)", splice(utf8, at, "eda080"), "MALFORMED");
    enc(out, "code point above U+10FFFF (F4 90 80 80)", splice(utf8, at, "f4908080"), "MALFORMED");
    enc(out, "sequence truncated by the end (E2 82)", concat(utf8, HEX.parseHex("e282")), "MALFORMED");
    enc(out, "invalid continuation byte (E2 28 A1)", splice(utf8, at, "e228a1"), "MALFORMED");
  }

  private static void enc(ArrayNode out, String name, byte[] bytes, String expect) {
    ObjectNode v = out.addObject();
    v.put("name", name);
    v.put("bytesHex", HEX.formatHex(bytes));
    v.put("expect", expect);
  }

  /** {@code bytes} with the single byte at {@code at} replaced by {@code hex}. */
  private static byte[] splice(byte[] bytes, int at, String hex) {
    byte[] head = java.util.Arrays.copyOf(bytes, at);
    byte[] tail = java.util.Arrays.copyOfRange(bytes, at + 1, bytes.length);
    return concat(concat(head, HEX.parseHex(hex)), tail);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void manifests(ArrayNode out) {
    ManifestRoot m = Fixtures.manifest(Fixtures.CREATOR, 1, 9, 3, 6);
    String good = text(m.sign(Fixtures.CREATOR).toCanonicalBytes());
    obj(out, "valid manifest", good, Fixtures.CREATOR.publicKey().toBase64Url(), "OK");
    obj(out, "manifest by another key", text(Fixtures.manifest(Fixtures.OTHER, 1, 9, 3, 6).sign(Fixtures.OTHER)
        .toCanonicalBytes()), Fixtures.CREATOR.publicKey().toBase64Url(), "WRONG_KEY");
    obj(out, "entry hash changed after signing", good.replace(m.window().get(0).sha256().hex(),
        Digest.sha256(new byte[] {0}).hex()), null, "BAD_SIGNATURE");
    obj(out, "entry duration changed after signing", good.replace("\"durationUs\":2000000", "\"durationUs\":2000001"),
        null, "BAD_SIGNATURE");
    obj(out, "window not the tail of the log", text(SignedObject.sign(withTreeSize(m.toBody(), 10), Fixtures.CREATOR)
        .toCanonicalBytes()), null, "MALFORMED");
    ObjectNode traversal = m.toBody();
    ((ObjectNode) traversal.get("window").get(0)).put("uri", "../../announce.json");
    obj(out, "segment uri escaping the directory", text(SignedObject.sign(traversal, Fixtures.CREATOR).toCanonicalBytes()),
        null, "MALFORMED");
    badCreator(out, good, Fixtures.CREATOR.publicKey().toBase64Url(), "the identity point (small order)",
        "0100000000000000000000000000000000000000000000000000000000000000");
  }

  private static ObjectNode withTreeSize(ObjectNode body, long size) {
    body.put("treeSize", size);
    body.remove("consistency");
    return body;
  }

  private static void rootSequences(ArrayNode out) {
    ArrayNode grow = sequence(out, "growing log linked by carried consistency proofs");
    step(grow, Fixtures.manifest(Fixtures.CREATOR, 1, 3, 3, 0), "OK");
    step(grow, Fixtures.manifest(Fixtures.CREATOR, 1, 4, 3, 3), "OK");
    step(grow, Fixtures.manifest(Fixtures.CREATOR, 1, 8, 3, 4), "OK");
    step(grow, Fixtures.manifest(Fixtures.CREATOR, 1, 33, 3, 8), "OK");

    ArrayNode rollback = sequence(out, "rollback to a smaller tree");
    step(rollback, Fixtures.manifest(Fixtures.CREATOR, 1, 5, 3, 0), "OK");
    step(rollback, Fixtures.manifest(Fixtures.CREATOR, 1, 7, 3, 5), "OK");
    step(rollback, Fixtures.manifest(Fixtures.CREATOR, 1, 6, 3, 5), "ROLLBACK");

    ArrayNode epochs = sequence(out, "older epoch refused, newer epoch starts a new log");
    step(epochs, Fixtures.manifest(Fixtures.CREATOR, 2, 5, 3, 0), "OK");
    step(epochs, Fixtures.manifest(Fixtures.CREATOR, 1, 9, 3, 0), "ROLLBACK");
    step(epochs, Fixtures.manifest(Fixtures.CREATOR, 3, 2, 2, 0), "OK");

    ArrayNode fork = sequence(out, "equivocation: same epoch and size, different root");
    ManifestRoot honest = Fixtures.manifest(Fixtures.CREATOR, 1, 6, 3, 0);
    step(fork, honest, "OK");
    step(fork, new ManifestRoot(honest.creator(), honest.name(), honest.rendition(), 1, 6,
        Digest.sha256("another history".getBytes(StandardCharsets.UTF_8)), honest.timeMs(), honest.window(), null),
        "EQUIVOCATION");

    ArrayNode rewrite = sequence(out, "larger tree whose proof does not link");
    step(rewrite, Fixtures.manifest(Fixtures.CREATOR, 1, 5, 3, 0), "OK");
    ManifestRoot next = Fixtures.manifest(Fixtures.CREATOR, 1, 8, 3, 5);
    step(rewrite, new ManifestRoot(next.creator(), next.name(), next.rendition(), 1, 8, Digest.sha256(new byte[] {1}),
        next.timeMs(), next.window(), next.consistency()), "INCONSISTENT");

    ArrayNode gap = sequence(out, "gap until the intermediate root arrives");
    step(gap, Fixtures.manifest(Fixtures.CREATOR, 1, 5, 3, 0), "OK");
    step(gap, Fixtures.manifest(Fixtures.CREATOR, 1, 9, 3, 7), "GAP");
    step(gap, Fixtures.manifest(Fixtures.CREATOR, 1, 7, 3, 5), "OK");
    step(gap, Fixtures.manifest(Fixtures.CREATOR, 1, 9, 3, 7), "OK");
  }

  private static void announceSequences(ArrayNode out) {
    ArrayNode seq = sequence(out, "higher seq supersedes, lower is a rollback, same seq different content is equivocation");
    StreamAnnounce a5 = Fixtures.announce(Fixtures.CREATOR, 5);
    seqStep(seq, a5, "OK");
    seqStep(seq, Fixtures.announce(Fixtures.CREATOR, 6), "OK");
    seqStep(seq, a5, "ROLLBACK");
    StreamAnnounce a6 = Fixtures.announce(Fixtures.CREATOR, 6);
    seqStep(seq, new StreamAnnounce(a6.creator(), a6.name(), "another title", 6, a6.issuedAtMs(), a6.expiresAtMs(),
        a6.status(), a6.latency(), a6.renditions(), a6.origins(), a6.trackers(), a6.tips()), "EQUIVOCATION");
  }

  private static void segments(ArrayNode out) {
    SegmentEntry e = Fixtures.entry(4);
    byte[] bytes = Fixtures.segmentBytes(4);
    segment(out, "matching bytes", e, bytes, "OK");
    byte[] flipped = bytes.clone();
    flipped[0] ^= 1;
    segment(out, "one flipped bit", e, flipped, "SEGMENT_MISMATCH");
    segment(out, "one extra byte", e, java.util.Arrays.copyOf(bytes, bytes.length + 1), "SEGMENT_MISMATCH");
  }

  private static void segment(ArrayNode out, String name, SegmentEntry e, byte[] bytes, String expect) {
    ObjectNode v = out.addObject();
    v.put("name", name);
    v.put("sha256", e.sha256().hex());
    v.put("size", e.size());
    v.put("bytesHex", HEX.formatHex(bytes));
    v.put("leafInputHex", HEX.formatHex(e.leafInput()));
    v.put("leafHash", e.leafHash().hex());
    v.put("expect", expect);
  }

  private static ArrayNode sequence(ArrayNode out, String name) {
    ObjectNode s = out.addObject();
    s.put("name", name);
    return s.putArray("steps");
  }

  private static void step(ArrayNode steps, ManifestRoot m, String expect) {
    ObjectNode v = steps.addObject();
    v.put("json", text(m.sign(Fixtures.CREATOR).toCanonicalBytes()));
    v.put("expect", expect);
  }

  private static void seqStep(ArrayNode steps, StreamAnnounce a, String expect) {
    ObjectNode v = steps.addObject();
    v.put("json", text(a.sign(Fixtures.CREATOR).toCanonicalBytes()));
    v.put("expect", expect);
  }

  private static void obj(ArrayNode out, String name, String json, String pinnedKey, String expect) {
    ObjectNode v = out.addObject();
    v.put("name", name);
    v.put("json", json);
    if (pinnedKey != null) {
      v.put("pinnedKey", pinnedKey);
    }
    v.put("expect", expect);
  }

  private static String text(byte[] utf8) {
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
