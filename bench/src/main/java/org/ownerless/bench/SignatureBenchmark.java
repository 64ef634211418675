package org.ownerless.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.merkle.MerkleTree;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.signing.SignedObject;
import org.ownerless.protocol.verify.VerificationException;
import org.ownerless.protocol.verify.Verifier;

/**
 * Ed25519 on the objects the system actually signs: a MANIFEST_ROOT with a 10-entry window and a
 * consistency proof (what the node signs per segment and every viewer verifies per poll).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SignatureBenchmark {
  private Signer signer;
  private ManifestRoot manifest;
  private byte[] published;
  private byte[] signingInput;
  private byte[] signature;

  @Setup
  public void setUp() {
    signer = Signer.fromSeed(new byte[32]);
    MerkleTree tree = new MerkleTree();
    List<SegmentEntry> window = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      SegmentEntry e = new SegmentEntry(i, String.format("seg-%06d.ts", i), 2_000_000,
          Digest.sha256(new byte[] {(byte) i, (byte) (i >> 8)}), 500_000 + i, false);
      tree.append(e.leafHash());
      if (i >= 990) {
        window.add(e);
      }
    }
    manifest = ManifestRoot.ofTree(signer.publicKey(), "bench", "src", 1, tree, 1000, 1_764_000_000_000L,
        window, null, tree.consistencyProof(999, 1000));
    SignedObject signed = manifest.sign(signer);
    published = signed.toCanonicalBytes();
    signingInput = SignedObject.signingInput(signed.type(), signed.body());
    signature = signed.signature();
  }

  @Benchmark
  public byte[] ed25519SignManifestInput() {
    return signer.sign(signingInput);
  }

  @Benchmark
  public boolean ed25519VerifyManifestInput() {
    return signer.publicKey().verify(signingInput, signature);
  }

  /** Canonicalize + sign + serialize: the node's whole per-manifest signing step. */
  @Benchmark
  public byte[] signAndSerializeManifest() {
    return manifest.sign(signer).toCanonicalBytes();
  }

  /** Parse + strict checks + canonicalize + verify: what `verify` and relays do per manifest. */
  @Benchmark
  public Object parseAndVerifyManifest() throws VerificationException {
    return Verifier.verifyManifest(published, signer.publicKey());
  }
}
