package org.ownerless.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.merkle.MerkleTree;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.SegmentEntry;

/**
 * Writes v2 MANIFEST_ROOTs as a node publishes them, for benchmarks outside the JVM (the viewer's
 * per-manifest cost in Chromium, bench/viewer-manifest-cost.sh): {@code live.json} (a 15-entry
 * window at tree size 10,000 with its frontier and consistency proof), {@code ended.json} (an ended
 * stream's whole 8,192-entry window) and {@code creator.txt} (the signing key).
 * Usage: {@code java -cp bench/target/benchmarks.jar org.ownerless.bench.ManifestSamples DIR}
 */
public final class ManifestSamples {
  private ManifestSamples() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ManifestSamples DIR");
      System.exit(2);
    }
    Path dir = Files.createDirectories(Path.of(args[0]));
    Signer signer = Signer.generate();
    Files.writeString(dir.resolve("creator.txt"), signer.publicKey().toBase64Url());
    Files.write(dir.resolve("live.json"), sample(signer, 10_000, 15));
    Files.write(dir.resolve("ended.json"), sample(signer, ManifestRoot.MAX_WINDOW, ManifestRoot.MAX_WINDOW));
  }

  static byte[] sample(Signer signer, int size, int windowSize) {
    MerkleTree tree = new MerkleTree();
    List<SegmentEntry> entries = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      SegmentEntry e = new SegmentEntry(i, "seg-1-" + String.format("%06d", i) + ".ts", 2_000_000,
          Digest.sha256(("segment " + i).getBytes()), 700_000 + i, false);
      entries.add(e);
      tree.append(e.leafHash());
    }
    List<SegmentEntry> window = entries.subList(size - windowSize, size);
    ManifestRoot root = ManifestRoot.ofTree(signer.publicKey(), "bench", "src", 1, tree, size,
        System.currentTimeMillis(), window, null, size > 1 ? tree.consistencyProof(size - 1, size) : null);
    return root.sign(signer).toCanonicalBytes();
  }
}
