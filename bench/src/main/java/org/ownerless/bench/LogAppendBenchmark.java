package org.ownerless.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.merkle.MerkleTree;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.SegmentEntry;

/**
 * The manifest service's per-segment work after the segment is hashed: append the leaf to a log
 * already holding {@code leaves} entries, compute the new root and a consistency proof from the
 * previous size, build the MANIFEST_ROOT with a 10-entry window, sign and serialize it.
 * Target (issue 2): under 1 ms per segment.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class LogAppendBenchmark {
  @Param({"1000000"})
  public int leaves;

  private Signer signer;
  private MerkleTree tree;
  private ArrayDeque<SegmentEntry> window;
  private Digest segmentHash;

  @Setup(Level.Trial)
  public void setUp() {
    signer = Signer.fromSeed(new byte[32]);
    segmentHash = Digest.sha256(new byte[] {1, 2, 3});
    tree = new MerkleTree();
    window = new ArrayDeque<>();
    for (int i = 0; i < leaves; i++) {
      tree.append(entry(i).leafHash());
    }
    for (int i = leaves - 10; i < leaves; i++) {
      window.add(entry(i));
    }
  }

  private SegmentEntry entry(long i) {
    return new SegmentEntry(i, "seg-" + i + ".ts", 2_000_000, segmentHash, 1_000_000, false);
  }

  @Benchmark
  public byte[] appendLeafAndSignNewRoot() {
    long previous = tree.size();
    SegmentEntry e = entry(previous);
    tree.append(e.leafHash());
    window.removeFirst();
    window.addLast(e);
    ManifestRoot root = ManifestRoot.ofTree(signer.publicKey(), "bench", "src", 1, tree, tree.size(),
        System.currentTimeMillis(), new ArrayList<>(window), null, tree.consistencyProof(previous, tree.size()));
    return root.sign(signer).toCanonicalBytes();
  }
}
