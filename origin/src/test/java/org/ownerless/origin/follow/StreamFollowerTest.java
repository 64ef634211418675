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
    return Files.readAllBytes(creator.dir.resolve("src").resolve(StreamLayout.root(size)));
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
  void anOlderAnnounceAfterANewerOneIsARollback() throws Exception {
    long now = System.currentTimeMillis();
    creator.announce(StreamStatus.LIVE, now, Duration.ofHours(1));
    follower.pollAnnounce(url);
    creator.announce(StreamStatus.LIVE, now - 1000, Duration.ofHours(1));
    assertThatThrownBy(() -> follower.pollAnnounce(url)).isInstanceOf(FetchFailure.class)
        .satisfies(e -> assertThat(((FetchFailure) e).problem()).isEqualTo(Problem.ROLLBACK));
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
    creator.announce(StreamStatus.LIVE, now, Duration.ofMillis(1500));
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
    upstream.status = path -> path.endsWith("/src/roots/4.json") ? 503 : 0;
    assertThatThrownBy(() -> follower.pollRoots("src", url)).isInstanceOf(FetchFailure.class)
        .hasMessageEndingWith("src/roots/4.json: HTTP 503");
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
}
