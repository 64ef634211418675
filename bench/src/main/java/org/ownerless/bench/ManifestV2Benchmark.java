package org.ownerless.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.crypto.PublicKey;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.merkle.FrontierRoot;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.signing.SignedObject;
import org.ownerless.protocol.verify.VerificationException;
import org.ownerless.protocol.verify.Verifier;

/**
 * What a v2 MANIFEST_ROOT costs whoever checks it (viewer, relay, {@code verify}): parse, recompute
 * {@code rootHash} from the frontier and the window, check the signature. Target (issue 14): all of
 * it under 1 ms per manifest, so checking every poll's manifest stays free next to playback.
 *
 * <p>Manifests come from {@link ManifestSamples}, as a node publishes them. Both kinds start their
 * window at leaf 2^17 - 1, so the frontier holds 17 hashes: the most any log under 131,072 leaves
 * left of its window carries, i.e. the worst case for a stream of ~100k segments. {@code live} has
 * an 8-entry window (a live playlist); {@code archive} has the largest window allowed
 * ({@link ManifestRoot#MAX_WINDOW}), as an ended stream or VOD publishes it.
 *
 * <p>The parts add up to (about) the whole: {@link #verifyManifest} = {@link #parse} +
 * {@link #recomputeRoot} + {@link #verifySignature}. {@link #frontierWalk} is the part of
 * {@link #recomputeRoot} left once the window's leaves are hashed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ManifestV2Benchmark {
  private static final int LEFT_OF_WINDOW = (1 << 17) - 1;

  @Param({"live", "archive"})
  public String window;

  private PublicKey creator;
  private byte[] published;
  private SignedObject envelope;
  private ManifestRoot parsed;
  private List<Digest> windowLeafHashes;

  @Setup
  public void setUp() throws ProtocolException, VerificationException {
    Signer signer = Signer.fromSeed(new byte[32]);
    creator = signer.publicKey();
    int windowSize = window.equals("live") ? 8 : ManifestRoot.MAX_WINDOW;
    published = ManifestSamples.sample(signer, LEFT_OF_WINDOW + windowSize, windowSize);
    envelope = SignedObject.parse(published);
    parsed = ManifestRoot.fromSigned(envelope);
    windowLeafHashes = new ArrayList<>();
    parsed.window().forEach(e -> windowLeafHashes.add(e.leafHash()));
    // A sample that fails verification would make every figure below meaningless: fail the trial.
    Verifier.verifyManifest(published, creator);
    if (parsed.frontier().size() != 17) {
      throw new IllegalStateException("expected a 17-hash frontier, got " + parsed.frontier().size());
    }
  }

  /** Everything a verifier does with a received manifest: the figure the target is about. */
  @Benchmark
  public Object verifyManifest() throws VerificationException {
    return Verifier.verifyManifest(published, creator);
  }

  /** Strict JSON parse of the envelope and the MANIFEST_ROOT field rules, no cryptography. */
  @Benchmark
  public ManifestRoot parse() throws ProtocolException {
    return ManifestRoot.fromSigned(SignedObject.parse(published));
  }

  /** SHA-256 of each window entry's leaf, then the MTH walk over frontier + leaves. */
  @Benchmark
  public Digest recomputeRoot() {
    return parsed.recomputedRoot();
  }

  /** The walk alone (FrontierRoot), leaves already hashed: the protocol-v2 addition proper. */
  @Benchmark
  public Digest frontierWalk() {
    return FrontierRoot.root(parsed.treeSize() - windowLeafHashes.size(), parsed.frontier(), windowLeafHashes);
  }

  /** Canonical signing input + Ed25519 verify. */
  @Benchmark
  public boolean verifySignature() {
    return envelope.verifiedBy(creator);
  }
}
