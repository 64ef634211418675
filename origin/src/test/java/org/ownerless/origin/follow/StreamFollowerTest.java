package org.ownerless.origin.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.origin.testing.SignedStreamFiles;
import org.ownerless.origin.testing.TestUpstream;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.model.StreamStatus;
import org.ownerless.protocol.verify.Problem;
import org.ownerless.protocol.verify.Signed;

class StreamFollowerTest {
  @TempDir Path tmp;
  private SignedStreamFiles creator;
  private TestUpstream upstream;
  private StreamUrl url;
  private final List<Long> announced = new ArrayList<>();
  private final List<Long> rootSizes = new ArrayList<>();
  private final List<byte[]> rootBytes = new ArrayList<>();
  private StreamFollower follower;

  @BeforeEach
  void start() throws Exception {
    creator = new SignedStreamFiles(tmp, List.of("src"));
    upstream = new TestUpstream(creator.streamsDir);
    url = StreamUrl.forStream(upstream.url(), creator.stream);
    follower = new StreamFollower(creator.stream, UpstreamChoice.single(url),
        new StreamFollower.Settings(Duration.ofSeconds(5), Duration.ZERO), new StreamFollower.Listener() {
          @Override
          public void announceAccepted(Signed<StreamAnnounce> announce, byte[] bytes) {
            announced.add(announce.content().seq());
          }

          @Override
          public void rootAccepted(String rendition, Signed<ManifestRoot> root, byte[] bytes) {
            rootSizes.add(root.content().treeSize());
            rootBytes.add(bytes);
          }
        });
  }

  @AfterEach
  void stop() {
    upstream.close();
  }

  private byte[] published(long size) throws Exception {
    return Files.readAllBytes(creator.dir.resolve("src").resolve(StreamLayout.root(1, size)));
  }

  @Test
  void anAnnounceIsAcceptedOnceAndAnUnchangedOneCostsOnlyANotModified() throws Exception {
    follower.pollAnnounce(url);
    follower.pollAnnounce(url);
    assertThat(announced).hasSize(1);
    assertThat(upstream.requestsFor(StreamLayout.ANNOUNCE)).isEqualTo(2);
    assertThat(follower.announce().seq()).isEqualTo(announced.get(0));
  }

  @Test
  void anOlderAnnounceAfterANewerOneIsNeverTakenAndItsUpstreamIsBehind() throws Exception {
    long now = System.currentTimeMillis();
    creator.announce(StreamStatus.LIVE, now, Duration.ofHours(1));
    follower.pollAnnounce(url);
    creator.announce(StreamStatus.LIVE, now - 1000, Duration.ofHours(1));
    assertThatThrownBy(() -> follower.pollAnnounce(url)).isInstanceOf(FetchFailure.class)
        .satisfies(e -> assertThat(((FetchFailure) e).problem()).isEqualTo(Problem.STALE))
        .hasMessageContaining("behind: announce seq " + (now - 1000) + ", this follower holds seq " + now);
    assertThat(follower.announce().seq()).isEqualTo(now);
  }

  /** The failure one announce poll ends in, or null if it succeeded. */
  private FetchFailure failureOfAnnouncePoll() throws Exception {
    try {
      follower.pollAnnounce(url);
      return null;
    } catch (FetchFailure f) {
      return f;
    }
  }

  @Test
  void anAnnounceThatExpiresWhileTheServerSaysNotModifiedIsRefusedAsExpired() throws Exception {
    long now = System.currentTimeMillis();
    // Long enough for the first poll to see it valid on a loaded machine, short enough to wait out.
    creator.announce(StreamStatus.LIVE, now, Duration.ofSeconds(4));
    follower.pollAnnounce(url);
    FetchFailure expired = await().atMost(Duration.ofSeconds(10)).pollInSameThread().pollInterval(Duration.ofMillis(50))
        .until(() -> failureOfAnnouncePoll(), Objects::nonNull);
    assertThat(expired.problem()).isEqualTo(Problem.EXPIRED);
    assertThat(announced).hasSize(1); // the server never sent it again
  }

  @Test
  void aGapIsWalkedAndEveryRootIsHandedOverInOrderWithTheBytesThatWereSigned() throws Exception {
    creator.addSegment("src");
    follower.pollAnnounce(url);
    follower.pollRoots("src", url);
    for (int i = 0; i < 4; i++) {
      creator.addSegment("src");
    }
    follower.pollRoots("src", url);
    assertThat(rootSizes).containsExactly(1L, 2L, 3L, 4L, 5L);
    for (int i = 0; i < rootSizes.size(); i++) {
      assertThat(rootBytes.get(i)).isEqualTo(published(rootSizes.get(i)));
    }
    assertThat(follower.root("src").treeSize()).isEqualTo(5);
  }

  @Test
  void aWalkThatFailsHalfwayKeepsWhatItAcceptedAndContinuesFromThereLater() throws Exception {
    creator.addSegment("src");
    follower.pollAnnounce(url);
    follower.pollRoots("src", url);
    for (int i = 0; i < 4; i++) {
      creator.addSegment("src");
    }
    upstream.status = path -> path.endsWith("/src/roots/1-4.json") ? 503 : 0;
    assertThatThrownBy(() -> follower.pollRoots("src", url)).isInstanceOf(FetchFailure.class)
        .hasMessageEndingWith("src/roots/1-4.json: HTTP 503");
    assertThat(rootSizes).containsExactly(1L, 2L, 3L);
    assertThat(follower.root("src").treeSize()).isEqualTo(3);

    upstream.status = path -> 0;
    follower.pollRoots("src", url);
    assertThat(rootSizes).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void aSegmentIsReadNoFurtherThanItsSignedSizeAndMustMatchItsEntry() throws Exception {
    SegmentEntry entry = creator.addSegment("src");
    byte[] genuine = creator.segment("src", entry.uri());
    assertThat(follower.segment(url, "src", entry)).isEqualTo(genuine);

    upstream.rewrite = (path, bytes) -> path.endsWith(".ts") ? Arrays.copyOf(bytes, bytes.length + 1) : bytes;
    assertThatThrownBy(() -> follower.segment(url, "src", entry)).isInstanceOf(FetchFailure.class)
        .hasMessageContaining("exceeds the expected " + entry.size());

    upstream.rewrite = (path, bytes) -> {
      byte[] flipped = bytes.clone();
      flipped[0] ^= 1;
      return flipped;
    };
    assertThatThrownBy(() -> follower.segment(url, "src", entry)).isInstanceOf(FetchFailure.class)
        .satisfies(e -> assertThat(((FetchFailure) e).problem()).isEqualTo(Problem.SEGMENT_MISMATCH));
  }

  @Test
  void aGapIsWalkedAFewRootsAtATimeAndStillAcceptedInOrder() throws Exception {
    creator.addSegment("src");
    follower.pollAnnounce(url);
    follower.pollRoots("src", url);
    for (int i = 0; i < 12; i++) {
      creator.addSegment("src");
    }
    upstream.delayMs = path -> path.contains("/roots/") ? 100 : 0;
    follower.pollRoots("src", url);
    assertThat(rootSizes).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
    // Several roots were on their way at once (a slow origin costs a round trip per few roots, not
    // per root), never more than the bound.
    assertThat(upstream.maxInFlight.get()).isBetween(2, GapRoots.AHEAD);
  }

  /** A follower that knows {@code first} and then {@code second}, failing over between them. */
  private StreamFollower failingOver(StreamUrl first, StreamUrl second) {
    return new StreamFollower(creator.stream, UpstreamChoice.failingOver(creator.stream, List.of(first, second), null,
        null), new StreamFollower.Settings(Duration.ofSeconds(5), Duration.ZERO), new StreamFollower.Listener() {
          @Override
          public void rootAccepted(String rendition, Signed<ManifestRoot> root, byte[] bytes) {
            rootSizes.add(root.content().treeSize());
          }
        });
  }

  /**
   * A follower of {@link #upstream} then {@code second} that accepted root 1 from the first, with
   * {@code behind} more segments published since: its next poll walks a gap.
   */
  private StreamFollower followingOneRootThenBehindBy(TestUpstream second, int behind) throws Exception {
    StreamFollower f = failingOver(url, StreamUrl.forStream(second.url(), creator.stream));
    creator.addSegment("src");
    f.pollAnnounce(url);
    f.pollRoots("src", url);
    for (int i = 0; i < behind; i++) {
      creator.addSegment("src");
    }
    return f;
  }

  @Test
  void aWalkTakesTheSignedRootsFromAnotherUpstreamWhenTheOneThatServedTheManifestFails() throws Exception {
    try (TestUpstream second = new TestUpstream(creator.streamsDir)) {
      StreamFollower f = followingOneRootThenBehindBy(second, 6);
      upstream.status = path -> path.contains("/roots/") ? 503 : 0;
      f.pollRoots("src", url);
      assertThat(rootSizes).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
      // The failing upstream was asked for the roots in flight when it first failed, then passed over.
      assertThat(upstream.requestsFor(".json") - upstream.requestsFor("manifest.json")
          - upstream.requestsFor("announce.json")).isLessThanOrEqualTo(GapRoots.AHEAD);
      assertThat(second.requestsFor("/roots/1-6.json")).isEqualTo(1);
    }
  }

  @Test
  void aPaddedRootIsRefusedAtAFewTimesTheNewestManifestNotAtTheProtocolLimit() throws Exception {
    try (TestUpstream second = new TestUpstream(creator.streamsDir)) {
      StreamFollower f = followingOneRootThenBehindBy(second, 3);
      int manifestBytes = Files.readAllBytes(creator.dir.resolve("src").resolve("manifest.json")).length;
      // Whitespace re-canonicalizes fine: the padded roots would verify if they were read.
      upstream.rewrite = (path, bytes) -> path.contains("/roots/") ? padded(bytes, 1 << 20) : bytes;
      f.pollRoots("src", url);
      assertThat(rootSizes).containsExactly(1L, 2L, 3L, 4L);
      assertThat(RootFollow.walkedRootCap(manifestBytes)).isLessThan(1 << 20);
      assertThat(second.requestsFor("/roots/1-2.json")).isEqualTo(1);
    }
  }

  private static byte[] padded(byte[] json, int spaces) {
    byte[] out = Arrays.copyOf(json, json.length + spaces);
    Arrays.fill(out, json.length, out.length, (byte) ' ');
    return out;
  }
}
