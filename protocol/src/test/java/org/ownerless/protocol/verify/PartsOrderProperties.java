package org.ownerless.protocol.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.fixtures.Fixtures;
import org.ownerless.protocol.model.ManifestParts;
import org.ownerless.protocol.model.ManifestParts.Order;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.PartEntry;

/**
 * The prefix order of parts (docs/protocol.md §4.4 rule 4) from both sides, and the RootTracker
 * following roots of one position in any order: it never reports an error while the lists are
 * prefixes of one history, always ends on the longest, and reports a fork as an equivocation.
 */
class PartsOrderProperties {
  private static final Map<Order, Order> MIRROR = Map.of(Order.SAME, Order.SAME, Order.EXTENDS, Order.PRECEDES,
      Order.PRECEDES, Order.EXTENDS, Order.FORK, Order.FORK);

  /** Parts at positions 0.. whose bytes are chosen from a few variants, so prefixes and forks both occur. */
  private static List<PartEntry> parts(List<Integer> variants) {
    List<PartEntry> out = new ArrayList<>();
    for (int i = 0; i < variants.size(); i++) {
      out.add(new PartEntry("part-" + i + ".ts", 500_000, Digest.sha256(new byte[] {variants.get(i).byteValue()}),
          100, i == 0));
    }
    return out;
  }

  private static boolean isPrefix(List<Integer> a, List<Integer> b) {
    return a.size() <= b.size() && b.subList(0, a.size()).equals(a);
  }

  @Property(tries = 500)
  void theOrderIsTheMirrorImageFromTheOtherSideAndMatchesPrefixes(
      @ForAll @Size(max = 5) List<@IntRange(max = 1) Integer> a,
      @ForAll @Size(max = 5) List<@IntRange(max = 1) Integer> b) {
    Order ab = ManifestParts.order(parts(a), parts(b));
    assertThat(ManifestParts.order(parts(b), parts(a))).isEqualTo(MIRROR.get(ab));
    Order expected = a.equals(b) ? Order.SAME : isPrefix(a, b) ? Order.EXTENDS : isPrefix(b, a) ? Order.PRECEDES
        : Order.FORK;
    assertThat(ab).isEqualTo(expected);
  }

  @Property(tries = 25)
  void rootsOfOneSegmentInAnyOrderEndOnTheLongestListAndAForkIsAnEquivocation(
      @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 5) Integer> lengths,
      @ForAll @IntRange(min = 0, max = 4) int forkAt) throws Exception {
    ManifestRoot root = Fixtures.manifest(Fixtures.CREATOR, 1, 6, 4, 5);
    List<PartEntry> history = Fixtures.parts(6, 5);
    RootTracker tracker = new RootTracker();
    int longest = 0;
    for (int n : lengths) {
      tracker.accept(signed(root.withParts(history.subList(0, n))));
      longest = Math.max(longest, n);
    }
    assertThat(tracker.last().orElseThrow().content().parts()).isEqualTo(history.subList(0, longest));

    List<PartEntry> forked = new ArrayList<>(history);
    PartEntry p = forked.get(forkAt);
    forked.set(forkAt, new PartEntry(p.uri(), p.durationUs(), Digest.sha256(p.sha256().toByteArray()), p.size(),
        p.independent()));
    Signed<ManifestRoot> fork = signed(root.withParts(forked));
    // The fork differs from the accepted list at forkAt if the accepted list reaches that far;
    // otherwise the accepted list is a prefix of it and it is simply further on.
    Problem expected = forkAt < longest ? Problem.EQUIVOCATION : null;
    Problem got = null;
    try {
      tracker.accept(fork);
    } catch (VerificationException e) {
      got = e.problem();
    }
    assertThat(got).isEqualTo(expected);
  }

  private static Signed<ManifestRoot> signed(ManifestRoot root) throws VerificationException {
    return Verifier.verifyManifest(root.sign(Fixtures.CREATOR).toCanonicalBytes(), Fixtures.CREATOR.publicKey());
  }
}
