package org.ownerless.protocol.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ownerless.protocol.fixtures.Fixtures;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.model.StreamStatus;

class FreshnessTest {
  private final StreamAnnounce live = Fixtures.announce(Fixtures.CREATOR, 1);
  private final ManifestRoot root = Fixtures.manifest(Fixtures.CREATOR, 1, 10, 5, 0); // 2 s segments

  @Test
  void aLiveRootIsStaleOnlyPastTheThirtySecondFloor() {
    assertThat(Freshness.staleAfterMs(root)).isEqualTo(30_000);
    assertThat(Freshness.isStale(root, live, root.timeMs() + 30_000)).isFalse();
    assertThat(Freshness.isStale(root, live, root.timeMs() + 30_001)).isTrue();
    assertThat(Freshness.describe(root, live, root.timeMs() + 3_000_000))
        .isEqualTo("newest root (size 10) was signed 3000 s ago; a live stream's is at most 30 s old");
  }

  @Test
  void longSegmentsGiveTheirRootsTenSegmentsOfSlack() {
    SegmentEntry e = Fixtures.entry(0);
    ManifestRoot slow = ManifestRoot.bound(root.creator(), root.name(), root.rendition(), 1, 1, root.timeMs(),
        List.of(new SegmentEntry(0, e.uri(), 6_000_000, e.sha256(), e.size(), e.discontinuity())), List.of(), null, null);
    assertThat(Freshness.staleAfterMs(slow)).isEqualTo(60_000);
    assertThat(Freshness.isStale(slow, live, slow.timeMs() + 59_000)).isFalse();
  }

  @Test
  void anEndedStreamsRootIsNeverStale() {
    StreamAnnounce ended = new StreamAnnounce(live.creator(), live.name(), live.title(), 2, live.issuedAtMs(),
        live.expiresAtMs(), StreamStatus.ENDED, live.latency(), live.renditions(), live.origins(), live.trackers(),
        live.tips(), live.logs());
    assertThat(Freshness.isStale(root, ended, root.timeMs() + 86_400_000)).isFalse();
  }
}
