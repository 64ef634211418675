package org.ownerless.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.testing.LiveNode;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.PartEntry;
import org.ownerless.protocol.verify.RootTracker;
import org.ownerless.protocol.verify.Signed;
import org.ownerless.protocol.verify.Verifier;

/**
 * A node with LL-HLS parts (--segment-format fmp4 --part-seconds 0.5, 2 s segments) fed by the
 * tests' real-time ffmpeg publisher: polled over HTTP, manifest.json shows roots of one size with a
 * growing parts list between segments; every listed part file is served and verifies against its
 * signed entry before its segment exists; a RootTracker accepts the whole sequence of roots.
 */
@Tag("e2e")
class NodePartsTest {
  private static final Duration POLLING = Duration.ofSeconds(14);
  @TempDir Path data;

  @Test
  void partsAreSignedAndServedBeforeTheirSegmentAndEveryRootIsAccepted() throws Exception {
    NodeSettings settings = NodeSettings.builder().name("show").dataDir(data).host("127.0.0.1").httpPort(0)
        .rtmpPort(0).publishToken("parts-test-token").title("Parts test").ladder("src,144p:144:200")
        .segmentSeconds(2.0).segmentFormat("fmp4").partSeconds(0.5).build();
    try (LiveNode live = LiveNode.start(settings, 40)) {
      live.awaitSegments("144p", 1, Duration.ofSeconds(60));
      String base = live.node.publicUrl() + live.node.stream().path() + "/144p/";
      HttpClient http = HttpClient.newHttpClient();
      RootTracker tracker = new RootTracker();
      // Per tree size, the lengths of the parts lists seen, in order of arrival.
      Map<Long, List<Integer>> partsSeen = new TreeMap<>();
      int partsVerified = 0;
      byte[] previous = null;
      long end = System.nanoTime() + POLLING.toNanos();
      while (System.nanoTime() < end) {
        byte[] body = get(http, base + "manifest.json");
        if (!Arrays.equals(body, previous)) {
          previous = body;
          Signed<ManifestRoot> signed = Verifier.verifyManifest(body, live.creator.publicKey());
          tracker.accept(signed);
          ManifestRoot root = signed.content();
          partsSeen.computeIfAbsent(root.treeSize(), s -> new ArrayList<>()).add(root.parts().size());
          for (PartEntry p : root.parts()) {
            assertThat(root.entryByUri(p.uri())).as("a part is not a segment of the window").isEmpty();
            Verifier.verifyPart(p, get(http, base + p.uri()));
            partsVerified++;
          }
        }
        Thread.sleep(50);
      }
      assertThat(tracker.last()).isPresent();
      // A segment completes when the next one's first part does, so its part-less root is replaced at
      // once by the root listing that part; what a poll sees of one size is a list that only grows.
      List<List<Integer>> growing = partsSeen.values().stream()
          .filter(counts -> counts.size() >= 3 && counts.get(counts.size() - 1) >= 3).toList();
      assertThat(growing).as("tree sizes whose roots listed a growing parts list: %s", partsSeen)
          .hasSizeGreaterThanOrEqualTo(3);
      for (List<Integer> counts : partsSeen.values()) {
        for (int i = 1; i < counts.size(); i++) {
          assertThat(counts.get(i)).as("parts of one size only grow: %s", counts).isGreaterThan(counts.get(i - 1));
        }
      }
      assertThat(partsVerified).isGreaterThanOrEqualTo(10);
    }
  }

  private static byte[] get(HttpClient http, String url) throws Exception {
    HttpResponse<byte[]> res = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(res.statusCode()).as(url).isEqualTo(200);
    return res.body();
  }
}
