package org.ownerless.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.ownerless.protocol.crypto.Digest;

/** SHA-256 of a 1 MiB segment: the per-byte cost every signer and verifier pays. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SegmentHashBenchmark {
  private byte[] segment;

  @Setup
  public void setUp() {
    segment = new byte[1 << 20];
    new Random(42).nextBytes(segment);
  }

  @Benchmark
  public Digest sha256OneMebibyteSegment() {
    return Digest.sha256(segment);
  }
}
