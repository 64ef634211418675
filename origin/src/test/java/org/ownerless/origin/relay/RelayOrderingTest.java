package org.ownerless.origin.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.origin.testing.SignedStreamFiles;
import org.ownerless.origin.testing.TestUpstream;
import org.ownerless.origin.verify.MediaPlaylistText;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.verify.Verifier;

/**
 * A reader polling the relay while it follows a fast upstream never sees a playlist entry whose
 * segment is missing or that the manifest published after it does not cover (docs/protocol.md §5).
 */
class RelayOrderingTest {
  @TempDir Path tmp;

  @Test
  void aPollingReaderNeverSeesAnEntryAheadOfItsSegmentOrManifest() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp.resolve("upstream"), List.of("src", "180p"));
    AtomicBoolean publishing = new AtomicBoolean(true);
    List<String> violations = new ArrayList<>();
    int checkedEntries = 0;
    try (TestUpstream upstream = new TestUpstream(creator.streamsDir);
        RunningRelay relay = new RunningRelay(creator.stream, List.of(upstream.url()), tmp.resolve("relay"), 64)) {
      Thread producer = new Thread(() -> {
        try {
          for (int i = 0; i < 60 && publishing.get(); i++) {
            creator.addSegment("src");
            creator.addSegment("180p");
            Thread.sleep(40);
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      producer.start();
      await("first playlist").atMost(Duration.ofSeconds(20)).until(() -> relay.treeSize("src") > 0);
      while (producer.isAlive() || relay.treeSize("src") < 60) {
        for (String r : List.of("src", "180p")) {
          HttpResponse<byte[]> playlist = relay.get(r + "/index.m3u8");
          if (playlist.statusCode() == 404) {
            continue; // not published yet: fine, nothing is listed
          }
          MediaPlaylistText listed = MediaPlaylistText.parse(playlist.body());
          ManifestRoot root = Verifier.verifyManifest(relay.get(r + "/manifest.json").body(),
              creator.creator.publicKey()).content();
          for (MediaPlaylistText.Item item : listed.items()) {
            checkedEntries++;
            if (item.index() >= root.treeSize()) {
              violations.add(r + ": entry " + item.index() + " listed before a manifest of size " + root.treeSize());
            }
            int status = relay.get(r + "/" + item.uri()).statusCode();
            if (status != 200) {
              violations.add(r + ": listed " + item.uri() + " answered " + status);
            }
          }
        }
        if (!producer.isAlive() && relay.treeSize("src") < 60) {
          await("the last segment").atMost(Duration.ofSeconds(10)).until(() -> relay.treeSize("src") == 60);
        }
      }
      publishing.set(false);
      producer.join();
    }
    assertThat(violations).isEmpty();
    assertThat(checkedEntries).isGreaterThan(100);
  }

  @Test
  void playlistsAreWrittenFromTheSignedWindow() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp.resolve("upstream"), List.of("src"));
    try (TestUpstream upstream = new TestUpstream(creator.streamsDir);
        RunningRelay relay = new RunningRelay(creator.stream, List.of(upstream.url()), tmp.resolve("relay"), 64)) {
      // The relay counts the discontinuities it has seen (segment 0 is one): let it see the first window.
      creator.addSegment("src");
      await("size 1").atMost(Duration.ofSeconds(20)).until(() -> relay.treeSize("src") == 1);
      for (int i = 1; i < 20; i++) {
        creator.addSegment("src");
      }
      await("size 20").atMost(Duration.ofSeconds(20)).until(() -> relay.treeSize("src") == 20);
      String playlist = new String(relay.get("src/index.m3u8").body());
      // Window 5..19; the five oldest stay out of a live playlist, as on the node.
      assertThat(playlist).startsWith("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:10\n")
          .contains("#EXT-X-DISCONTINUITY-SEQUENCE:1\n")
          .contains("#EXTINF:2.000000,\nseg-1-000019.ts\n").doesNotContain("seg-1-000009.ts")
          .doesNotContain("ENDLIST").doesNotContain("never reads");
      String master = new String(relay.get("master.m3u8").body());
      assertThat(master).contains("BANDWIDTH=400000,RESOLUTION=320x180,CODECS=\"avc1.4d401f,mp4a.40.2\"\nsrc/index.m3u8");

      creator.announce(org.ownerless.protocol.model.StreamStatus.ENDED);
      await("ENDLIST").atMost(Duration.ofSeconds(10))
          .until(() -> new String(relay.get("src/index.m3u8").body()).contains("#EXT-X-ENDLIST"));
      assertThat(new String(relay.get("src/index.m3u8").body())).contains("#EXT-X-MEDIA-SEQUENCE:5\n");
    }
  }
}
