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
import org.ownerless.protocol.model.EpochLink;
import org.ownerless.protocol.model.LogHead;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.PartEntry;
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
    leaves(root.putArray("leaves"));
    parts(root.putArray("parts"));
    freshness(root.putArray("freshness"));
    proofs(root.putArray("proofs"));
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
    ObjectNode v3 = a.toBody();
    v3.put("v", 3);
    obj(out, "unsupported version", text(SignedObject.sign(v3, Fixtures.CREATOR).toCanonicalBytes()), null, "MALFORMED");
    ObjectNode v1 = a.toBody();
    v1.put("v", 1);
    obj(out, "version 1 (refused: upgrade)", text(SignedObject.sign(v1, Fixtures.CREATOR).toCanonicalBytes()), null,
        "MALFORMED");
    obj(out, "logs of the announced renditions", text(withLogs(a, new LogHead("src", 2, 40), new LogHead("360p", 2, 40))
        .sign(Fixtures.CREATOR).toCanonicalBytes()), null, "OK");
    ObjectNode twice = withLogs(a, new LogHead("src", 2, 40)).toBody();
    ((ArrayNode) twice.get("logs")).add(twice.get("logs").get(0).deepCopy());
    obj(out, "logs naming one rendition twice", text(SignedObject.sign(twice, Fixtures.CREATOR).toCanonicalBytes()),
        null, "MALFORMED");
    ObjectNode stranger = withLogs(a, new LogHead("src", 2, 40)).toBody();
    ((ObjectNode) stranger.get("logs").get(0)).put("rendition", "4k");
    obj(out, "logs naming a rendition the announce does not list",
        text(SignedObject.sign(stranger, Fixtures.CREATOR).toCanonicalBytes()), null, "MALFORMED");
    ObjectNode noLogs = a.toBody();
    noLogs.remove("logs");
    obj(out, "logs missing", text(SignedObject.sign(noLogs, Fixtures.CREATOR).toCanonicalBytes()), null, "MALFORMED");
    StreamAnnounce lapsed = new StreamAnnounce(a.creator(), a.name(), a.title(), 1, Fixtures.NOW_MS - 61_000,
        Fixtures.NOW_MS - 1_000, a.status(), a.latency(), a.renditions(), a.origins(), a.trackers(), a.tips(), a.logs());
    obj(out, "a live announce that expired a second ago (replayed)", text(lapsed.sign(Fixtures.CREATOR)
        .toCanonicalBytes()), null, "EXPIRED");
    StreamAnnounce expired = new StreamAnnounce(a.creator(), a.name(), a.title(), 1, Fixtures.ISSUED_AT_MS - 7_200_000,
        Fixtures.ISSUED_AT_MS - 3_600_000, a.status(), a.latency(), a.renditions(), a.origins(), a.trackers(), a.tips(), a.logs());
    obj(out, "expired", text(expired.sign(Fixtures.CREATOR).toCanonicalBytes()), null, "EXPIRED");
    StreamAnnounce future = new StreamAnnounce(a.creator(), a.name(), a.title(), 1, Fixtures.NOW_MS + 3_600_000,
        Fixtures.EXPIRES_AT_MS, a.status(), a.latency(), a.renditions(), a.origins(), a.trackers(), a.tips(), a.logs());
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
    String pub = Fixtures.CREATOR.publicKey().toBase64Url();
    // v2: the window is bound to the root (§4.3).
    obj(out, "window entry that disagrees with the signed root (re-signed)", signedText(m.toBody(),
        b -> ((ObjectNode) b.get("window").get(1)).put("sha256", Digest.sha256(new byte[] {7}).hex())), pub,
        "ROOT_MISMATCH");
    obj(out, "window entry size that disagrees with the signed root (re-signed)", signedText(m.toBody(),
        b -> ((ObjectNode) b.get("window").get(2)).put("size", 1)), pub, "ROOT_MISMATCH");
    obj(out, "frontier hash that disagrees with the signed root (re-signed)", signedText(m.toBody(),
        b -> ((ArrayNode) b.get("frontier")).set(0, Digest.sha256(new byte[] {8}).hex())), pub, "ROOT_MISMATCH");
    obj(out, "frontier missing a hash", signedText(m.toBody(), b -> ((ArrayNode) b.get("frontier")).remove(0)), pub,
        "MALFORMED");
    obj(out, "frontier missing", signedText(m.toBody(), b -> b.remove("frontier")), pub, "MALFORMED");
    obj(out, "frontier hash in uppercase hex", signedText(m.toBody(), b -> ((ArrayNode) b.get("frontier")).set(0,
        m.frontier().get(0).hex().toUpperCase(java.util.Locale.ROOT))), pub, "MALFORMED");
    obj(out, "version 1 manifest (refused: upgrade)", signedText(m.toBody(), b -> b.put("v", 1)), pub, "MALFORMED");
    obj(out, "every window size: empty window, the root is the frontier",
        text(Fixtures.manifest(Fixtures.CREATOR, 1, 13, 0, 0).sign(Fixtures.CREATOR).toCanonicalBytes()), pub, "OK");
    obj(out, "every window size: the whole log, no frontier",
        text(Fixtures.manifest(Fixtures.CREATOR, 1, 13, 13, 0).sign(Fixtures.CREATOR).toCanonicalBytes()), pub, "OK");
    obj(out, "every window size: a window of one at size 33",
        text(Fixtures.manifest(Fixtures.CREATOR, 1, 33, 1, 0).sign(Fixtures.CREATOR).toCanonicalBytes()), pub, "OK");
    // v2: epochs are linked (§4.3).
    ManifestRoot e2 = Fixtures.manifest(Fixtures.CREATOR, 2, 4, 3, 0, Fixtures.link(1, 9));
    obj(out, "epoch 2 linked to where epoch 1 ended", text(e2.sign(Fixtures.CREATOR).toCanonicalBytes()), pub, "OK");
    obj(out, "epoch 2 with no link (a forged restart)", signedText(e2.toBody(), b -> b.remove("previous")), pub,
        "MALFORMED");
    obj(out, "epoch 2 linked to epoch 0", signedText(e2.toBody(), b -> ((ObjectNode) b.get("previous")).put("epoch", 0)),
        pub, "MALFORMED");
    obj(out, "epoch 3 linked to epoch 1", signedText(e2.toBody(), b -> b.put("epoch", 3)), pub, "MALFORMED");
    obj(out, "epoch 1 with a link", signedText(e2.toBody(), b -> b.put("epoch", 1)), pub, "MALFORMED");
    obj(out, "a link to an empty log with a non-empty hash", signedText(e2.toBody(),
        b -> ((ObjectNode) b.get("previous")).put("treeSize", 0)), pub, "MALFORMED");
    obj(out, "a link with an unknown field", signedText(e2.toBody(),
        b -> ((ObjectNode) b.get("previous")).put("note", "x")), pub, "MALFORMED");
    fmp4Manifests(out, pub);
    PartVectors.manifests(out, pub);
  }

  /** fMP4/CMAF roots (§4.3): the init sections of the window, listed once each and bound into the leaves. */
  private static void fmp4Manifests(ArrayNode out, String pub) {
    ManifestRoot m = Fixtures.fmp4Manifest(Fixtures.CREATOR, 9, 6, 0);
    obj(out, "valid fMP4 manifest (two init sections, a new one from entry 5)",
        text(m.sign(Fixtures.CREATOR).toCanonicalBytes()), pub, "OK");
    obj(out, "fMP4: init sha256 changed (re-signed)", signedText(m.toBody(),
        b -> ((ObjectNode) b.get("inits").get(1)).put("sha256", Digest.sha256(new byte[] {9}).hex())), pub,
        "ROOT_MISMATCH");
    obj(out, "fMP4: init size changed (re-signed)", signedText(m.toBody(),
        b -> ((ObjectNode) b.get("inits").get(0)).put("size", 1)), pub, "ROOT_MISMATCH");
    obj(out, "fMP4: an entry naming an init the root does not list", signedText(m.toBody(),
        b -> ((ObjectNode) b.get("window").get(5)).put("init", "init-0000000000000000.mp4")), pub, "MALFORMED");
    obj(out, "fMP4: an init no entry uses", signedText(m.toBody(),
        b -> ((ArrayNode) b.get("inits")).add(initJson(Fixtures.init(7)))),
        pub, "MALFORMED");
    obj(out, "fMP4: an init listed twice", signedText(m.toBody(),
        b -> ((ArrayNode) b.get("inits")).add(b.get("inits").get(0).deepCopy())), pub, "MALFORMED");
    obj(out, "fMP4: an empty inits list", signedText(Fixtures.manifest(Fixtures.CREATOR, 1, 9, 3, 0).toBody(),
        b -> b.putArray("inits")), pub, "MALFORMED");
    obj(out, "fMP4: an init of more than 1 MiB", signedText(m.toBody(),
        b -> ((ObjectNode) b.get("inits").get(0)).put("size", (1 << 20) + 1)), pub, "MALFORMED");
    obj(out, "fMP4: nine init sections (limit 8)", signedText(Fixtures.manifest(Fixtures.CREATOR, 1, 9, 9, 0).toBody(),
        b -> {
          ArrayNode inits = b.putArray("inits");
          for (int k = 0; k < 9; k++) {
            inits.add(initJson(Fixtures.init(k)));
            ((ObjectNode) b.get("window").get(k)).put("init", Fixtures.init(k).uri());
          }
        }), pub, "MALFORMED");
  }

  private static ObjectNode initJson(org.ownerless.protocol.model.InitSection init) {
    ObjectNode o = StrictJson.mapper().createObjectNode();
    o.put("uri", init.uri());
    o.put("sha256", init.sha256().hex());
    o.put("size", init.size());
    return o;
  }

  /** {@code body} changed by {@code change}, then signed by the creator: what a key holder could publish. */
  static String signedText(ObjectNode body, java.util.function.Consumer<ObjectNode> change) {
    change.accept(body);
    return text(SignedObject.sign(body, Fixtures.CREATOR).toCanonicalBytes());
  }

  private static StreamAnnounce withLogs(StreamAnnounce a, LogHead... heads) {
    return new StreamAnnounce(a.creator(), a.name(), a.title(), a.seq(), a.issuedAtMs(), a.expiresAtMs(), a.status(),
        a.latency(), a.renditions(), a.origins(), a.trackers(), a.tips(), java.util.List.of(heads));
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

    ArrayNode epochs = sequence(out, "older epoch refused, the next epoch linked to where the log ended continues it");
    step(epochs, Fixtures.manifest(Fixtures.CREATOR, 2, 5, 3, 0), "OK");
    step(epochs, Fixtures.manifest(Fixtures.CREATOR, 1, 9, 3, 0), "ROLLBACK");
    step(epochs, Fixtures.manifest(Fixtures.CREATOR, 3, 2, 2, 0, Fixtures.link(2, 5)), "OK");

    ArrayNode fork = sequence(out, "equivocation: same epoch and size, one window entry with other bytes");
    ManifestRoot honest = Fixtures.manifest(Fixtures.CREATOR, 1, 6, 3, 0);
    step(fork, honest, "OK");
    step(fork, honest.withWindow(otherBytesAt(honest, 4)), "EQUIVOCATION");

    ArrayNode initFork = sequence(out, "equivocation: same epoch and size, one entry with another init section");
    ManifestRoot fmp4 = Fixtures.fmp4Manifest(Fixtures.CREATOR, 7, 4, 0);
    step(initFork, fmp4, "OK");
    step(initFork, fmp4.withWindow(otherInitAt(fmp4, 6)), "EQUIVOCATION");

    PartVectors.rootSequences(out);

    ArrayNode rewrite = sequence(out, "a later root re-listing an old index with other bytes does not link");
    step(rewrite, Fixtures.manifest(Fixtures.CREATOR, 1, 5, 3, 0), "OK");
    ManifestRoot next = Fixtures.manifest(Fixtures.CREATOR, 1, 8, 4, 5);
    step(rewrite, next.withWindow(otherBytesAt(next, 4)), "INCONSISTENT");

    ArrayNode linked = sequence(out, "a new epoch linked to where the accepted log ended");
    step(linked, Fixtures.manifest(Fixtures.CREATOR, 1, 7, 3, 0), "OK");
    step(linked, Fixtures.manifest(Fixtures.CREATOR, 2, 2, 2, 0, Fixtures.link(1, 7)), "OK");
    step(linked, Fixtures.manifest(Fixtures.CREATOR, 2, 5, 3, 2, Fixtures.link(1, 7)), "OK");

    ArrayNode dropped = sequence(out, "a new epoch that ends the old one below the accepted size (fork by epoch)");
    step(dropped, Fixtures.manifest(Fixtures.CREATOR, 1, 7, 3, 0), "OK");
    step(dropped, Fixtures.manifest(Fixtures.CREATOR, 2, 2, 2, 0, Fixtures.link(1, 5)), "EQUIVOCATION");

    ArrayNode replaced = sequence(out, "a new epoch that ends the old one at the accepted size with another hash");
    step(replaced, Fixtures.manifest(Fixtures.CREATOR, 1, 7, 3, 0), "OK");
    step(replaced, Fixtures.manifest(Fixtures.CREATOR, 2, 2, 2, 0,
        new EpochLink(1, 7, Digest.sha256("another history".getBytes(StandardCharsets.UTF_8)))), "EQUIVOCATION");

    ArrayNode beyond = sequence(out, "a new epoch linked beyond the accepted size waits for the old epoch's roots");
    step(beyond, Fixtures.manifest(Fixtures.CREATOR, 1, 5, 3, 0), "OK");
    step(beyond, Fixtures.manifest(Fixtures.CREATOR, 2, 2, 2, 0, Fixtures.link(1, 7)), "GAP");
    step(beyond, Fixtures.manifest(Fixtures.CREATOR, 1, 7, 3, 5), "OK");
    step(beyond, Fixtures.manifest(Fixtures.CREATOR, 2, 2, 2, 0, Fixtures.link(1, 7)), "OK");

    ArrayNode skipped = sequence(out, "a skipped epoch restarts the log (nothing to link across)");
    step(skipped, Fixtures.manifest(Fixtures.CREATOR, 1, 5, 3, 0), "OK");
    step(skipped, Fixtures.manifest(Fixtures.CREATOR, 3, 2, 2, 0, Fixtures.link(2, 4)), "OK");
    step(skipped, Fixtures.manifest(Fixtures.CREATOR, 2, 9, 2, 0, Fixtures.link(1, 5)), "ROLLBACK");

    ArrayNode relinked = sequence(out, "one position, two epoch links: equivocation");
    step(relinked, Fixtures.manifest(Fixtures.CREATOR, 2, 3, 3, 0, Fixtures.link(1, 6)), "OK");
    step(relinked, Fixtures.manifest(Fixtures.CREATOR, 2, 3, 3, 0, Fixtures.link(1, 7)), "EQUIVOCATION");

    ArrayNode gap = sequence(out, "gap until the intermediate root arrives");
    step(gap, Fixtures.manifest(Fixtures.CREATOR, 1, 5, 3, 0), "OK");
    step(gap, Fixtures.manifest(Fixtures.CREATOR, 1, 9, 3, 7), "GAP");
    step(gap, Fixtures.manifest(Fixtures.CREATOR, 1, 7, 3, 5), "OK");
    step(gap, Fixtures.manifest(Fixtures.CREATOR, 1, 9, 3, 7), "OK");
  }

  /** The window of {@code root} with the entry of {@code index} naming other bytes of the same size. */
  private static java.util.List<SegmentEntry> otherBytesAt(ManifestRoot root, long index) {
    java.util.List<SegmentEntry> out = new java.util.ArrayList<>();
    for (SegmentEntry e : root.window()) {
      out.add(e.index() != index ? e : new SegmentEntry(e.index(), e.uri(), e.durationUs(),
          Digest.sha256("other bytes".getBytes(StandardCharsets.UTF_8)), e.size(), e.discontinuity()));
    }
    return out;
  }

  /** The window of {@code root} with the entry of {@code index} naming another init section. */
  private static java.util.List<SegmentEntry> otherInitAt(ManifestRoot root, long index) {
    java.util.List<SegmentEntry> out = new java.util.ArrayList<>();
    for (SegmentEntry e : root.window()) {
      out.add(e.index() != index ? e : new SegmentEntry(e.index(), e.uri(), e.durationUs(), e.sha256(), e.size(),
          e.discontinuity(), Fixtures.init(6)));
    }
    return out;
  }

  /**
   * §3 and §4.4.1: whether a genuine root is stale under a verified announce at {@code nowMs}
   * ({@code OK} or {@code STALE}).
   */
  private static void freshness(ArrayNode out) {
    StreamAnnounce a = Fixtures.announce(Fixtures.CREATOR, 1);
    ManifestRoot m = Fixtures.manifest(Fixtures.CREATOR, 2, 9, 3, 0, Fixtures.link(1, 4)); // signed at ISSUED + 18 s
    long fresh = m.timeMs() + 1_000;
    fresh(out, "root at the size the announce signs", withLogs(a, new LogHead("src", 2, 9)), m, fresh, "OK");
    fresh(out, "root ahead of the announce", withLogs(a, new LogHead("src", 2, 8)), m, fresh, "OK");
    fresh(out, "root of a later epoch than the announce", withLogs(a, new LogHead("src", 1, 40)), m, fresh, "OK");
    fresh(out, "root behind the size the announce signs (a frozen mirror)", withLogs(a, new LogHead("src", 2, 10)), m,
        fresh, "STALE");
    fresh(out, "root of an earlier epoch than the announce", withLogs(a, new LogHead("src", 3, 1)), m, fresh, "STALE");
    fresh(out, "announce names another rendition only", withLogs(a, new LogHead("360p", 5, 100)), m, fresh, "OK");
    fresh(out, "live root signed 30 s before now", a, m, m.timeMs() + 30_000, "OK");
    fresh(out, "live root signed 31 s before now", a, m, m.timeMs() + 31_000, "STALE");
  }

  private static void fresh(ArrayNode out, String name, StreamAnnounce a, ManifestRoot m, long nowMs, String expect) {
    ObjectNode v = out.addObject();
    v.put("name", name);
    v.put("announce", text(a.sign(Fixtures.CREATOR).toCanonicalBytes()));
    v.put("manifest", text(m.sign(Fixtures.CREATOR).toCanonicalBytes()));
    v.put("nowMs", nowMs);
    v.put("expect", expect);
  }

  /** §4.5: EQUIVOCATION_PROOF objects ({@code OK}, {@code MALFORMED}, or {@code WRONG_KEY} against pinnedKey). */
  private static void proofs(ArrayNode out) {
    ManifestRoot honest = Fixtures.manifest(Fixtures.CREATOR, 1, 6, 3, 0);
    ManifestRoot fork = honest.withWindow(otherBytesAt(honest, 4));
    String pub = Fixtures.CREATOR.publicKey().toBase64Url();
    proof(out, "one position, two windows", honest, fork, null, "OK");
    proof(out, "one position, two windows, pinned to the signer", honest, fork, pub, "OK");
    proof(out, "one position, two windows, pinned to another key", honest, fork,
        Fixtures.OTHER.publicKey().toBase64Url(), "WRONG_KEY");
    proof(out, "a new epoch dropping published entries", Fixtures.manifest(Fixtures.CREATOR, 1, 7, 3, 0),
        Fixtures.manifest(Fixtures.CREATOR, 2, 2, 2, 0, Fixtures.link(1, 5)), null, "OK");
    proof(out, "one position, two epoch links", Fixtures.manifest(Fixtures.CREATOR, 2, 3, 3, 0, Fixtures.link(1, 6)),
        Fixtures.manifest(Fixtures.CREATOR, 2, 3, 3, 0, Fixtures.link(1, 7)), null, "OK");
    proof(out, "the same root twice", honest, honest, null, "MALFORMED");
    proof(out, "two sizes of one honest log", honest, Fixtures.manifest(Fixtures.CREATOR, 1, 7, 3, 6), null, "MALFORMED");
    proof(out, "a new epoch linked where the log ended", Fixtures.manifest(Fixtures.CREATOR, 1, 7, 3, 0),
        Fixtures.manifest(Fixtures.CREATOR, 2, 2, 2, 0, Fixtures.link(1, 7)), null, "MALFORMED");
    proof(out, "a new epoch first, the old root second", Fixtures.manifest(Fixtures.CREATOR, 2, 2, 2, 0,
        Fixtures.link(1, 5)), Fixtures.manifest(Fixtures.CREATOR, 1, 7, 3, 0), null, "MALFORMED");
    ObjectNode tampered = honest.sign(Fixtures.CREATOR).toJson();
    tampered.put("timeMs", honest.timeMs() + 1);
    ObjectNode p = proofJson(tampered, fork.sign(Fixtures.CREATOR).toJson());
    proofText(out, "a signature that does not verify", text(org.ownerless.protocol.json.CanonicalJson.bytes(p)), null,
        "MALFORMED");
    ObjectNode v1 = proofJson(honest.sign(Fixtures.CREATOR).toJson(), fork.sign(Fixtures.CREATOR).toJson());
    v1.put("v", 1);
    proofText(out, "proof of version 1", text(org.ownerless.protocol.json.CanonicalJson.bytes(v1)), null, "MALFORMED");
    PartVectors.proofs(out);
    StreamAnnounce a6 = Fixtures.announce(Fixtures.CREATOR, 6);
    StreamAnnounce other6 = new StreamAnnounce(a6.creator(), a6.name(), "another title", 6, a6.issuedAtMs(),
        a6.expiresAtMs(), a6.status(), a6.latency(), a6.renditions(), a6.origins(), a6.trackers(), a6.tips(), a6.logs());
    proofText(out, "two announces of one seq", text(org.ownerless.protocol.json.CanonicalJson.bytes(proofJson(
        a6.sign(Fixtures.CREATOR).toJson(), other6.sign(Fixtures.CREATOR).toJson()))), null, "OK");
  }

  static void proof(ArrayNode out, String name, ManifestRoot first, ManifestRoot second, String pinnedKey,
      String expect) {
    ObjectNode p = proofJson(first.sign(Fixtures.CREATOR).toJson(), second.sign(Fixtures.CREATOR).toJson());
    proofText(out, name, text(org.ownerless.protocol.json.CanonicalJson.bytes(p)), pinnedKey, expect);
  }

  private static ObjectNode proofJson(ObjectNode first, ObjectNode second) {
    ObjectNode p = StrictJson.mapper().createObjectNode();
    p.put("type", "EQUIVOCATION_PROOF");
    p.put("v", ProtocolVersion.CURRENT);
    p.set("first", first);
    p.set("second", second);
    return p;
  }

  private static void proofText(ArrayNode out, String name, String json, String pinnedKey, String expect) {
    obj(out, name, json, pinnedKey, expect);
  }

  private static void announceSequences(ArrayNode out) {
    ArrayNode seq = sequence(out, "higher seq supersedes, lower is a rollback, same seq different content is equivocation");
    StreamAnnounce a5 = Fixtures.announce(Fixtures.CREATOR, 5);
    seqStep(seq, a5, "OK");
    seqStep(seq, Fixtures.announce(Fixtures.CREATOR, 6), "OK");
    seqStep(seq, a5, "ROLLBACK");
    StreamAnnounce a6 = Fixtures.announce(Fixtures.CREATOR, 6);
    seqStep(seq, new StreamAnnounce(a6.creator(), a6.name(), "another title", 6, a6.issuedAtMs(), a6.expiresAtMs(),
        a6.status(), a6.latency(), a6.renditions(), a6.origins(), a6.trackers(), a6.tips(), a6.logs()), "EQUIVOCATION");
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

  /** §4.3: LL-HLS part bytes against their signed part (length and SHA-256, like a segment). */
  private static void parts(ArrayNode out) {
    PartEntry p = Fixtures.part(9, 2);
    byte[] bytes = Fixtures.partBytes(9, 2);
    part(out, "matching bytes", p, bytes, "OK");
    byte[] flipped = bytes.clone();
    flipped[bytes.length - 1] ^= 1;
    part(out, "one flipped bit", p, flipped, "SEGMENT_MISMATCH");
    part(out, "one byte short", p, java.util.Arrays.copyOf(bytes, bytes.length - 1), "SEGMENT_MISMATCH");
    part(out, "the next part's bytes", p, Fixtures.partBytes(9, 3), "SEGMENT_MISMATCH");
  }

  private static void part(ArrayNode out, String name, PartEntry p, byte[] bytes, String expect) {
    ObjectNode v = out.addObject();
    v.put("name", name);
    v.put("uri", p.uri());
    v.put("sha256", p.sha256().hex());
    v.put("size", p.size());
    v.put("bytesHex", HEX.formatHex(bytes));
    v.put("expect", expect);
  }

  /** §4.1: entries and the exact leaf input and leaf hash they encode to (TS: 57 bytes, fMP4: 97). */
  private static void leaves(ArrayNode out) {
    leaf(out, "TS entry", Fixtures.entry(3));
    leaf(out, "fMP4 entry", Fixtures.fmp4Entry(4));
    leaf(out, "fMP4 entry starting a discontinuity", Fixtures.fmp4Entry(5));
  }

  private static void leaf(ArrayNode out, String name, SegmentEntry e) {
    ObjectNode v = out.addObject();
    v.put("name", name);
    v.put("index", e.index());
    v.put("sha256", e.sha256().hex());
    v.put("size", e.size());
    v.put("durationUs", e.durationUs());
    v.put("discontinuity", e.discontinuity());
    if (e.hasInit()) {
      v.set("init", initJson(e.init()));
    }
    v.put("leafInputHex", HEX.formatHex(e.leafInput()));
    v.put("leafHash", e.leafHash().hex());
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

  static ArrayNode sequence(ArrayNode out, String name) {
    ObjectNode s = out.addObject();
    s.put("name", name);
    return s.putArray("steps");
  }

  static void step(ArrayNode steps, ManifestRoot m, String expect) {
    ObjectNode v = steps.addObject();
    v.put("json", text(m.sign(Fixtures.CREATOR).toCanonicalBytes()));
    v.put("expect", expect);
  }

  private static void seqStep(ArrayNode steps, StreamAnnounce a, String expect) {
    ObjectNode v = steps.addObject();
    v.put("json", text(a.sign(Fixtures.CREATOR).toCanonicalBytes()));
    v.put("expect", expect);
  }

  static void obj(ArrayNode out, String name, String json, String pinnedKey, String expect) {
    ObjectNode v = out.addObject();
    v.put("name", name);
    v.put("json", json);
    if (pinnedKey != null) {
      v.put("pinnedKey", pinnedKey);
    }
    v.put("expect", expect);
  }

  static String text(byte[] utf8) {
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
