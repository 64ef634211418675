package org.ownerless.protocol.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Objects;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.ProtocolVersion;
import org.ownerless.protocol.crypto.PublicKey;
import org.ownerless.protocol.json.CanonicalJson;
import org.ownerless.protocol.json.JsonFields;
import org.ownerless.protocol.json.StrictJson;
import org.ownerless.protocol.model.EpochLink;
import org.ownerless.protocol.model.ManifestParts;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.signing.SignedObject;

/**
 * Two objects the same creator signed that contradict each other (docs/protocol.md §4.5): two
 * MANIFEST_ROOTs of one rendition with equal epoch and tree size that differ in root hash or epoch
 * link, or whose parts of the segment in progress fork (neither list a prefix of the other); a root of epoch e and one of epoch e + 1 whose link ends epoch e below that root's size or
 * at its size with another hash; or two STREAM_ANNOUNCEs with equal seq but different content.
 * Anyone can check it with the two signatures alone, so it can be published as evidence that the
 * creator's key forked its log.
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

  /**
   * Checks a proof as a verifier reports it: {@code MALFORMED} if it is not a genuine equivocation,
   * {@code WRONG_KEY} if {@code pinned} is given and the objects are signed by another key (a proof
   * against some other key says nothing about the pinned creator's stream).
   */
  public static EquivocationProof verify(byte[] json, PublicKey pinned) throws VerificationException {
    EquivocationProof proof;
    try {
      proof = parse(json);
    } catch (ProtocolException e) {
      throw new VerificationException(Problem.MALFORMED, e.getMessage());
    }
    PublicKey signer = proof.signer();
    if (pinned != null && !pinned.equals(signer)) {
      throw new VerificationException(Problem.WRONG_KEY, "the equivocation proof's objects are signed by " + signer
          + ", not by the pinned key " + pinned);
    }
    return proof;
  }

  /** The key that signed both objects. */
  public PublicKey signer() {
    try {
      return ManifestRoot.TYPE.equals(first.type()) ? ManifestRoot.fromSigned(first).creator()
          : StreamAnnounce.fromSigned(first).creator();
    } catch (ProtocolException e) {
      throw new IllegalStateException("a checked proof holds readable objects", e);
    }
  }

  /** Whose fork this is and where, for a person: creator, stream, rendition and the positions. */
  public String describe() {
    try {
      if (ManifestRoot.TYPE.equals(first.type())) {
        ManifestRoot a = ManifestRoot.fromSigned(first);
        ManifestRoot b = ManifestRoot.fromSigned(second);
        String where = "creator " + a.creator() + ", stream " + a.name() + ", rendition " + a.rendition() + ", ";
        if (a.epoch() == b.epoch()) {
          return where + "epoch " + a.epoch() + ", size " + a.treeSize() + ": two different roots signed";
        }
        return where + "epoch " + a.epoch() + " reached size " + a.treeSize() + ", but epoch " + b.epoch()
            + " says it ended at size " + b.previous().treeSize() + " with root " + b.previous().rootHash()
            + ": a fork by epoch";
      }
      StreamAnnounce a = StreamAnnounce.fromSigned(first);
      return "creator " + a.creator() + ", stream " + a.name() + ", announce seq " + a.seq()
          + ": two different announces signed";
    } catch (ProtocolException e) {
      throw new IllegalStateException("a checked proof holds readable objects", e);
    }
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
      if (a.epoch() == b.epoch() && a.treeSize() == b.treeSize()) {
        boolean sameLog = a.rootHash().equals(b.rootHash()) && Objects.equals(a.previous(), b.previous());
        boolean partsFork = ManifestParts.order(a.parts(), b.parts()) == ManifestParts.Order.FORK;
        return sameLog && !partsFork ? "the roots agree" : null;
      }
      if (b.epoch() == a.epoch() + 1) {
        EpochLink link = b.previous();
        boolean contradicts = link.treeSize() < a.treeSize()
            || (link.treeSize() == a.treeSize() && !link.rootHash().equals(a.rootHash()));
        return contradicts ? null : "the second root's epoch starts where the first root's log may have ended";
      }
      return "roots of different positions (and not of one epoch and the next)";
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
