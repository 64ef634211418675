package org.ownerless.bench.tracker;

import java.util.Random;

/**
 * Picks which swarm a simulated peer joins. Real trackers see a few very popular swarms and a
 * long tail (aquatic_ws_load_test uses a Pareto distribution for the same reason); a power of a
 * uniform variate gives that shape cheaply: with exponent 3, swarm 0..S/8 gets half the peers.
 */
final class SwarmPicker {
  private static final double SKEW = 3.0;
  private final String[] infoHashes;

  SwarmPicker(int swarms, long seed) {
    Random r = new Random(seed);
    infoHashes = new String[swarms];
    for (int i = 0; i < swarms; i++) infoHashes[i] = Json.randomId(r);
  }

  String pick(Random random) {
    int i = (int) (infoHashes.length * Math.pow(random.nextDouble(), SKEW));
    return infoHashes[Math.min(i, infoHashes.length - 1)];
  }
}
