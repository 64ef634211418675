package org.ownerless.origin.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.origin.follow.StreamFollower;
import org.ownerless.origin.follow.StreamUrl;
import org.ownerless.origin.follow.UpstreamChoice;
import org.ownerless.origin.testing.SignedStreamFiles;
import org.ownerless.origin.testing.TestUpstream;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.verify.Problem;

/** Many requests for one segment cost the upstream exactly one fetch. */
class RelayCoalescingTest {
  @TempDir Path tmp;

  private static StreamFollower follower(StreamUrl url) {
    return new StreamFollower(url.stream(), UpstreamChoice.single(url),
        new StreamFollower.Settings(Duration.ofSeconds(3), Duration.ZERO), new StreamFollower.Listener() {});
  }

  @Test
  void concurrentMirrorsOfOneSegmentShareOneUpstreamFetch() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp.resolve("upstream"), List.of("src"));
    SegmentEntry entry = creator.addSegment("src");
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try (TestUpstream upstream = new TestUpstream(creator.streamsDir)) {
      upstream.segmentDelayMs = 300; // long enough for every caller to arrive while the fetch runs
      StreamUrl url = StreamUrl.forStream(upstream.url(), creator.stream);
      SegmentFetches fetches = new SegmentFetches(follower(url), threads);
      Path target = tmp.resolve("mirror").resolve(entry.uri());
      List<CompletableFuture<Path>> all = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        all.add(fetches.mirror(url, "src", entry, target));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();

      assertThat(upstream.requestsFor(entry.uri())).isEqualTo(1);
      assertThat(Files.readAllBytes(target)).isEqualTo(creator.segment("src", entry.uri()));
      assertThat(fetches.inFlight()).isZero();
      // Once mirrored, asking again costs nothing.
      fetches.mirror(url, "src", entry, target).get();
      assertThat(upstream.requestsFor(entry.uri())).isEqualTo(1);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aSegmentThatDoesNotMatchItsEntryIsNeverWritten() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp.resolve("upstream"), List.of("src"));
    SegmentEntry entry = creator.addSegment("src");
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (TestUpstream upstream = new TestUpstream(creator.streamsDir)) {
      upstream.rewrite = (path, bytes) -> path.endsWith(".ts") ? flipped(bytes) : bytes;
      StreamUrl url = StreamUrl.forStream(upstream.url(), creator.stream);
      SegmentFetches fetches = new SegmentFetches(follower(url), threads);
      Path target = tmp.resolve("mirror").resolve(entry.uri());
      CompletableFuture<Path> f = fetches.mirror(url, "src", entry, target);
      assertThat(f).failsWithin(Duration.ofSeconds(5));
      assertThat(SegmentFetches.failureOf(f.handle((p, e) -> e).get()).problem()).isEqualTo(Problem.SEGMENT_MISMATCH);
      assertThat(target).doesNotExist();
      assertThat(target.getParent().toFile().list()).isNullOrEmpty(); // no temp file left either
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void clientsAskingTheRelayForAListedSegmentStillInFlightShareTheFetch() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp.resolve("upstream"), List.of("src"));
    creator.addSegment("src");
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try (TestUpstream upstream = new TestUpstream(creator.streamsDir);
        RunningRelay relay = new RunningRelay(creator.stream, List.of(upstream.url()), tmp.resolve("relay"), 64)) {
      await("first segment mirrored").atMost(Duration.ofSeconds(20)).until(() -> relay.treeSize("src") == 1);
      upstream.segmentDelayMs = 1500;
      SegmentEntry next = creator.addSegment("src");
      // The relay accepts the new manifest at once, then spends 1.5 s fetching the segment.
      await("fetch in flight").atMost(Duration.ofSeconds(10)).until(() -> relay.mirror.fetches().inFlight() == 1);
      List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(clients.submit(() -> relay.get("src/" + next.uri())));
      }
      byte[] expected = creator.segment("src", next.uri());
      for (Future<HttpResponse<byte[]>> a : answers) {
        assertThat(a.get().statusCode()).isEqualTo(200);
        assertThat(a.get().body()).isEqualTo(expected);
      }
      assertThat(upstream.requestsFor(next.uri())).isEqualTo(1);
    } finally {
      clients.shutdownNow();
    }
  }

  static byte[] flipped(byte[] bytes) {
    byte[] copy = bytes.clone();
    copy[copy.length / 2] ^= 1;
    return copy;
  }
}
