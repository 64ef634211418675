package org.ownerless.protocol.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.ProtocolVersion;
import org.ownerless.protocol.json.CanonicalJson;
import org.ownerless.protocol.json.JsonFields;
import org.ownerless.protocol.json.StrictJson;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.signing.SignedObject;

/**
 * Two objects the same creator signed for the same position that disagree: two MANIFEST_ROOTs of
 * one rendition with equal epoch and tree size but different root hashes, or two STREAM_ANNOUNCEs
 * with equal seq but different content. Anyone can check it with the two signatures alone, so it
 * can be published as evidence that the creator's key forked its log.
 */
public final class EquivocationProof {
  public static final String TYPE = "EQUIVOCATION_PROOF";

  private final SignedObject first;
  private final SignedObject second;

  private EquivocationProof(SignedObject first, SignedObject second) {
    this.first = first;
    this.second = second;
  }

  /** Builds and checks a proof; throws if the two objects are not a genuine equivocation. */
  public static EquivocationProof of(SignedObject first, SignedObject second) throws ProtocolException {
    EquivocationProof proof = new EquivocationProof(first, second);
    String problem = proof.problem();
    if (problem != null) {
      throw new ProtocolException("not an equivocation: " + problem);
    }
    return proof;
  }

  public static EquivocationProof parse(byte[] json) throws ProtocolException {
    JsonFields f = JsonFields.of(StrictJson.parse(json), TYPE);
    if (!TYPE.equals(f.string("type", 64))) {
      throw new ProtocolException("expected an " + TYPE);
    }
    f.integer("v", ProtocolVersion.CURRENT, ProtocolVersion.CURRENT);
    SignedObject a = SignedObject.fromNode(f.object("first").node());
    SignedObject b = SignedObject.fromNode(f.object("second").node());
    f.rejectUnknown();
    return of(a, b);
  }

  public SignedObject first() {
    return first;
  }

  public SignedObject second() {
    return second;
  }

  public ObjectNode toJson() {
    ObjectNode o = StrictJson.mapper().createObjectNode();
    o.put("type", TYPE);
    o.put("v", ProtocolVersion.CURRENT);
    o.set("first", first.toJson());
    o.set("second", second.toJson());
    return o;
  }

  /** Null if this is a valid equivocation proof, otherwise why not. */
  private String problem() throws ProtocolException {
    if (!first.type().equals(second.type())) {
      return "objects of different types";
    }
    if (ManifestRoot.TYPE.equals(first.type())) {
      ManifestRoot a = ManifestRoot.fromSigned(first);
      ManifestRoot b = ManifestRoot.fromSigned(second);
      if (!first.verifiedBy(a.creator()) || !second.verifiedBy(b.creator())) {
        return "a signature does not verify";
      }
      if (!a.creator().equals(b.creator()) || !a.name().equals(b.name()) || !a.rendition().equals(b.rendition())) {
        return "roots of different logs";
      }
      if (a.epoch() != b.epoch() || a.treeSize() != b.treeSize()) {
        return "roots of different epochs or sizes";
      }
      return a.rootHash().equals(b.rootHash()) ? "the root hashes agree" : null;
    }
    if (StreamAnnounce.TYPE.equals(first.type())) {
      StreamAnnounce a = StreamAnnounce.fromSigned(first);
      StreamAnnounce b = StreamAnnounce.fromSigned(second);
      if (!first.verifiedBy(a.creator()) || !second.verifiedBy(b.creator())) {
        return "a signature does not verify";
      }
      if (!a.streamId().equals(b.streamId()) || a.seq() != b.seq()) {
        return "announces of different streams or sequence numbers";
      }
      return Arrays.equals(CanonicalJson.bytes(first.body()), CanonicalJson.bytes(second.body()))
          ? "the announces are identical" : null;
    }
    return "type " + first.type() + " cannot equivocate";
  }

  @Override
  public String toString() {
    return CanonicalJson.string(toJson());
  }
}
