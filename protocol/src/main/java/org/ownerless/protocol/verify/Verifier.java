package org.ownerless.protocol.verify;

import java.security.MessageDigest;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.crypto.PublicKey;
import org.ownerless.protocol.model.InitSection;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.PartEntry;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.signing.SignedObject;

/**
 * Stateless checks of single objects. Ordering rules across objects (newer announce, growing log)
 * live in {@link AnnounceTracker} and {@link RootTracker}.
 */
public final class Verifier {
  /** How far in the future an issue time may be before we call it forged rather than clock skew. */
  public static final long MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

  private Verifier() {}

  /**
   * Parses and verifies a STREAM_ANNOUNCE: well-formed, signed by the creator it names, that creator
   * being {@code expectedCreator} when given, and valid at {@code nowMs}.
   */
  public static Signed<StreamAnnounce> verifyAnnounce(byte[] json, PublicKey expectedCreator, long nowMs)
      throws VerificationException {
    SignedObject signed = envelope(json);
    StreamAnnounce announce;
    try {
      announce = StreamAnnounce.fromSigned(signed);
    } catch (ProtocolException e) {
      throw new VerificationException(Problem.MALFORMED, e.getMessage());
    }
    checkSigner(signed, announce.creator(), expectedCreator, StreamAnnounce.TYPE);
    if (announce.isExpiredAt(nowMs)) {
      throw new VerificationException(Problem.EXPIRED, "announce seq " + announce.seq() + " expired at "
          + java.time.Instant.ofEpochMilli(announce.expiresAtMs()));
    }
    if (announce.issuedAtMs() > nowMs + MAX_CLOCK_SKEW_MS) {
      throw new VerificationException(Problem.NOT_YET_VALID, "announce issued in the future ("
          + java.time.Instant.ofEpochMilli(announce.issuedAtMs()) + ")");
    }
    return new Signed<>(announce, signed);
  }

  /** Parses and verifies a MANIFEST_ROOT signed by {@code creator}, without reference to an announce. */
  public static Signed<ManifestRoot> verifyManifest(byte[] json, PublicKey creator) throws VerificationException {
    SignedObject signed = envelope(json);
    ManifestRoot root;
    try {
      root = ManifestRoot.fromSigned(signed);
    } catch (ProtocolException e) {
      throw new VerificationException(Problem.MALFORMED, e.getMessage());
    }
    checkSigner(signed, root.creator(), creator, ManifestRoot.TYPE);
    Digest recomputed = root.recomputedRoot();
    if (!recomputed.equals(root.rootHash())) {
      throw new VerificationException(Problem.ROOT_MISMATCH, "the window and frontier of the root of size "
          + root.treeSize() + " hash to " + recomputed + ", not to the signed rootHash " + root.rootHash());
    }
    return new Signed<>(root, signed);
  }

  /**
   * Verifies a MANIFEST_ROOT against a verified announce: same creator and stream, a rendition the
   * announce lists (when it lists any), and {@code expectedRendition} when given.
   */
  public static Signed<ManifestRoot> verifyManifest(byte[] json, StreamAnnounce announce, String expectedRendition)
      throws VerificationException {
    Signed<ManifestRoot> signed = verifyManifest(json, announce.creator());
    ManifestRoot root = signed.content();
    if (!root.name().equals(announce.name())) {
      throw new VerificationException(Problem.WRONG_STREAM,
          "manifest is for stream '" + root.name() + "', announce is for '" + announce.name() + "'");
    }
    if (expectedRendition != null && !root.rendition().equals(expectedRendition)) {
      throw new VerificationException(Problem.WRONG_STREAM,
          "manifest is for rendition '" + root.rendition() + "', expected '" + expectedRendition + "'");
    }
    if (!announce.renditions().isEmpty() && announce.rendition(root.rendition()).isEmpty()) {
      throw new VerificationException(Problem.WRONG_STREAM,
          "manifest rendition '" + root.rendition() + "' is not in the announce");
    }
    return signed;
  }

  /** Checks segment bytes against their signed entry: exact length and SHA-256. */
  public static void verifySegment(SegmentEntry entry, byte[] bytes) throws VerificationException {
    if (bytes.length != entry.size()) {
      throw new VerificationException(Problem.SEGMENT_MISMATCH, "segment " + entry.index() + " (" + entry.uri()
          + ") is " + bytes.length + " bytes, signed entry says " + entry.size());
    }
    Digest actual = Digest.sha256(bytes);
    if (!actual.equals(entry.sha256())) {
      throw new VerificationException(Problem.SEGMENT_MISMATCH, "segment " + entry.index() + " (" + entry.uri()
          + ") hashes to " + actual + ", signed entry says " + entry.sha256());
    }
  }

  /** Checks init section bytes against the signed {@code inits} item: exact length and SHA-256. */
  public static void verifyInit(InitSection init, byte[] bytes) throws VerificationException {
    Digest actual = Digest.sha256(bytes);
    if (bytes.length != init.size() || !actual.equals(init.sha256())) {
      throw new VerificationException(Problem.SEGMENT_MISMATCH, "init section " + init.uri() + " is " + bytes.length
          + " bytes hashing to " + actual + ", the signed root says " + init.size() + " bytes, " + init.sha256());
    }
  }

  /** Checks the bytes of an LL-HLS part against the signed part: exact length and SHA-256. */
  public static void verifyPart(PartEntry part, byte[] bytes) throws VerificationException {
    Digest actual = Digest.sha256(bytes);
    if (bytes.length != part.size() || !actual.equals(part.sha256())) {
      throw new VerificationException(Problem.SEGMENT_MISMATCH, "part " + part.uri() + " is " + bytes.length
          + " bytes hashing to " + actual + ", the signed root says " + part.size() + " bytes, " + part.sha256());
    }
  }

  /** Same as {@link #verifySegment} for a hash computed while streaming the bytes. */
  public static void verifySegment(SegmentEntry entry, long size, MessageDigest finishedSha256)
      throws VerificationException {
    Digest actual = Digest.finish(finishedSha256);
    if (size != entry.size() || !actual.equals(entry.sha256())) {
      throw new VerificationException(Problem.SEGMENT_MISMATCH, "segment " + entry.index() + " (" + entry.uri()
          + ") does not match its signed entry (" + size + " bytes, sha256 " + actual + ")");
    }
  }

  private static SignedObject envelope(byte[] json) throws VerificationException {
    try {
      return SignedObject.parse(json);
    } catch (ProtocolException e) {
      throw new VerificationException(Problem.MALFORMED, e.getMessage());
    }
  }

  private static void checkSigner(SignedObject signed, PublicKey named, PublicKey expected, String type)
      throws VerificationException {
    if (expected != null && !expected.equals(named)) {
      throw new VerificationException(Problem.WRONG_KEY,
          type + " is signed for creator " + named + ", expected " + expected);
    }
    if (!signed.verifiedBy(named)) {
      throw new VerificationException(Problem.BAD_SIGNATURE,
          type + " signature does not verify under creator key " + named);
    }
  }
}
