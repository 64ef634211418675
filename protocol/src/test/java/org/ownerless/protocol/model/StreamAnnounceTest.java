package org.ownerless.protocol.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.fixtures.Fixtures;
import org.ownerless.protocol.json.CanonicalJson;
import org.ownerless.protocol.signing.SignedObject;

class StreamAnnounceTest {
  private final StreamAnnounce announce = Fixtures.announce(Fixtures.CREATOR, 7);

  @Test
  void aSignedAnnounceSurvivesTheRoundTripThroughItsPublishedBytes() throws Exception {
    byte[] published = announce.sign(Fixtures.CREATOR).toCanonicalBytes();
    SignedObject parsed = SignedObject.parse(published);

    assertThat(StreamAnnounce.fromSigned(parsed)).isEqualTo(announce);
    assertThat(parsed.verifiedBy(Fixtures.CREATOR.publicKey())).isTrue();
    assertThat(parsed.toCanonicalBytes()).isEqualTo(published);
  }

  @Test
  void unknownFieldsAreRefusedAtEveryLevel() {
    ObjectNode top = announce.toBody();
    top.put("extra", "x");
    assertThatThrownBy(() -> StreamAnnounce.fromSigned(resign(top))).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("unknown field 'extra'");

    ObjectNode nested = announce.toBody();
    ((ObjectNode) nested.get("tips").get("evm")).put("memo", "pay me instead");
    assertThatThrownBy(() -> StreamAnnounce.fromSigned(resign(nested))).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("unknown field 'memo'");

    ObjectNode rendition = announce.toBody();
    ((ObjectNode) rendition.get("renditions").get(0)).put("fps", 30);
    assertThatThrownBy(() -> StreamAnnounce.fromSigned(resign(rendition))).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("unknown field 'fps'");
  }

  @Test
  void hintsMustBeAbsoluteUrlsOfTheRightScheme() {
    ObjectNode body = announce.toBody();
    ((com.fasterxml.jackson.databind.node.ArrayNode) body.get("hints").get("origins")).add("javascript:alert(1)");
    assertThatThrownBy(() -> StreamAnnounce.fromSigned(resign(body))).hasMessageContaining("scheme must be one of");

    ObjectNode tracker = announce.toBody();
    ((com.fasterxml.jackson.databind.node.ArrayNode) tracker.get("hints").get("trackers")).add("https://x.example/");
    assertThatThrownBy(() -> StreamAnnounce.fromSigned(resign(tracker))).hasMessageContaining("tracker hint");
  }

  @Test
  void namesThatCouldEscapeAPathAreRefused() {
    for (String bad : new String[] {"..", "a/b", "", ".hidden", "a b", "x".repeat(65)}) {
      ObjectNode body = announce.toBody();
      body.put("name", bad);
      assertThatThrownBy(() -> StreamAnnounce.fromSigned(resign(body))).as(bad).isInstanceOf(ProtocolException.class);
    }
  }

  @Test
  void canonicalFormIsIndependentOfFieldOrder() {
    ObjectNode body = announce.toBody();
    ObjectNode reversed = body.objectNode();
    java.util.List<String> names = new java.util.ArrayList<>();
    body.fieldNames().forEachRemaining(names::add);
    java.util.Collections.reverse(names);
    names.forEach(n -> reversed.set(n, body.get(n)));
    assertThat(CanonicalJson.bytes(reversed)).isEqualTo(CanonicalJson.bytes(body));
  }

  private static SignedObject resign(ObjectNode body) {
    return SignedObject.sign(body, Fixtures.CREATOR);
  }
}
