package org.ownerless.app.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.Main;
import org.ownerless.app.testing.StaticHost;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.fixtures.Fixtures;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.signing.SignedObject;

/** `verify URL` against an origin that serves the genuine stream, or a tampered one. */
class VerifyUrlTest {
  @TempDir Path data;
  private SyntheticStream stream;
  private StaticHost origin;
  private String url;
  private String base;

  @BeforeEach
  void publish() throws Exception {
    stream = new SyntheticStream(data, Fixtures.CREATOR);
    stream.addSegments(12);
    origin = new StaticHost(data);
    String pub = Fixtures.CREATOR.publicKey().toBase64Url();
    base = "/streams/" + pub + "/show/";
    url = origin.url() + base.substring(1);
  }

  @AfterEach
  void stop() {
    origin.close();
    stream.close();
  }

  private record Run(int code, String out) {}

  private static Run verify(String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "verify";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = Main.run(all, new java.io.PrintWriter(out), new java.io.PrintWriter(err));
    return new Run(code, out + err.toString());
  }

  private ManifestRoot currentRoot(String rendition) throws Exception {
    return ManifestRoot.fromSigned(SignedObject.parse(Files.readAllBytes(data.resolve(base.substring(1) + rendition
        + "/manifest.json"))));
  }

  @Test
  void theGenuineStreamVerifiesSegmentBySegment() throws Exception {
    Run run = verify(url);
    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).contains("OK ").contains("src log size 12").contains("180p log size 12")
        .contains("24 new segments verified"); // every window entry, not only the 10 listed
  }

  @Test
  void aModifiedSegmentIsNamed() throws Exception {
    String uri = currentRoot("src").window().get(11).uri();
    origin.override(base + "src/" + uri, b -> {
      b[100] ^= 1;
      return b;
    });
    Run run = verify(url);
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL src/" + uri + ": SEGMENT_MISMATCH");
  }

  private static final String EMPTY_PLAYLIST = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n"
      + "#EXT-X-MEDIA-SEQUENCE:12\n";

  @Test
  void anEmptyPlaylistStillHasEveryWindowSegmentVerified() throws Exception {
    for (String r : new String[] {"src", "180p"}) {
      origin.override(base + r + "/index.m3u8", b -> EMPTY_PLAYLIST.getBytes(StandardCharsets.UTF_8));
    }
    Run run = verify(url);
    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).contains("src log size 12").contains("24 new segments verified");
  }

  @Test
  void aTamperedWindowSegmentIsCaughtBehindAnEmptyPlaylist() throws Exception {
    origin.override(base + "src/index.m3u8", b -> EMPTY_PLAYLIST.getBytes(StandardCharsets.UTF_8));
    assertTamperingIsCaught(currentRoot("src").window().get(5).uri());
  }

  /** One bit of window segment {@code uri} flipped by the origin: verify names it. */
  private void assertTamperingIsCaught(String uri) {
    origin.override(base + "src/" + uri, b -> {
      b[100] ^= 1;
      return b;
    });
    Run run = verify(url);
    assertThat(run.code()).as(run.out()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL src/" + uri + ": SEGMENT_MISMATCH");
  }

  @Test
  void aTamperedWindowSegmentTheLivePlaylistDoesNotListIsCaught() throws Exception {
    // 12 entries signed, the live playlist lists the newest 10: entry 0 is only in the window.
    ManifestRoot root = currentRoot("src");
    assertThat(Files.readString(data.resolve(base.substring(1) + "src/index.m3u8"))).doesNotContain(
        root.window().get(0).uri());
    assertTamperingIsCaught(root.window().get(0).uri());
  }

  @Test
  void anEndedStreamWhosePlaylistOmitsAWindowEntryIsAMismatch() throws Exception {
    stream.close(); // ends the stream: ENDLIST, whole-log windows, an ended announce
    Run genuine = verify(url);
    assertThat(genuine.code()).as(genuine.out()).isZero();
    assertThat(genuine.out()).contains("ended");

    ManifestRoot root = currentRoot("src");
    String first = root.window().get(0).uri();
    origin.override(base + "src/index.m3u8", b -> new String(b, StandardCharsets.UTF_8)
        .replaceFirst("#EXTINF:[0-9.]+,\n" + java.util.regex.Pattern.quote(first) + "\n", "")
        .replace("#EXT-X-MEDIA-SEQUENCE:0", "#EXT-X-MEDIA-SEQUENCE:1").getBytes(StandardCharsets.UTF_8));
    Run run = verify(url);
    assertThat(run.code()).as(run.out()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL src/index.m3u8: PLAYLIST_MISMATCH").contains("omits 1 of the 12");
  }

  @Test
  void anAnnounceWithoutRenditionsIsReportedNotFilledInFromTheMasterPlaylist() throws Exception {
    StreamAnnounce genuine = StreamAnnounce.fromSigned(SignedObject.parse(Files.readAllBytes(
        data.resolve(base.substring(1) + "announce.json"))));
    StreamAnnounce bare = new StreamAnnounce(genuine.creator(), genuine.name(), genuine.title(), genuine.seq() + 1,
        genuine.issuedAtMs(), genuine.expiresAtMs(), genuine.status(), genuine.latency(), java.util.List.of(),
        genuine.origins(), genuine.trackers(), genuine.tips(), java.util.List.of());
    byte[] signed = bare.sign(Fixtures.CREATOR).toCanonicalBytes();
    origin.override(base + "announce.json", b -> signed);
    Run run = verify(url);
    assertThat(run.code()).as(run.out()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL announce: UNAVAILABLE").contains("lists no renditions yet")
        .doesNotContain("new segments verified");
  }

  @Test
  void aModifiedPlaylistEntryIsNotBelieved() throws Exception {
    origin.override(base + "180p/index.m3u8", b -> new String(b, StandardCharsets.UTF_8)
        .replaceFirst("#EXTINF:2\\.000000,", "#EXTINF:9.000000,").getBytes(StandardCharsets.UTF_8));
    Run run = verify(url);
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("PLAYLIST_MISMATCH").contains("9000000 us");
  }

  @Test
  void aManifestSignedByAnotherKeyIsRefused() throws Exception {
    ManifestRoot genuine = currentRoot("src");
    ManifestRoot foreign = new ManifestRoot(Fixtures.OTHER.publicKey(), genuine.name(), genuine.rendition(),
        genuine.epoch(), genuine.treeSize(), genuine.rootHash(), genuine.timeMs(), genuine.window(), genuine.frontier(),
        genuine.previous(), null);
    byte[] forged = foreign.sign(Fixtures.OTHER).toCanonicalBytes();
    origin.override(base + "src/manifest.json", b -> forged);
    Run run = verify(url);
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL src/manifest.json: WRONG_KEY");
  }

  @Test
  void whatAHostileServerPutsInAFailureCannotForgeAReportLine() throws Exception {
    // The refusal names the unknown field, whose name the server chose: a line break and a fake verdict.
    origin.override(base + "src/manifest.json", b -> new String(b, StandardCharsets.UTF_8)
        .replaceFirst("\\{", "{\"x\\\\nOK forged\\\\u001b[2K\":1,").getBytes(StandardCharsets.UTF_8));
    Run run = verify(url);
    assertThat(run.code()).as(run.out()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL src/manifest.json: MALFORMED").contains("x\\nOK forged\\u001B[2K")
        .doesNotContain("\u001b");
    assertThat(run.out().lines()).noneMatch(l -> l.startsWith("OK forged"));
  }

  @Test
  void anOlderManifestAfterANewerOneFailsTheWatchAsBehind() throws Exception {
    byte[] older = Files.readAllBytes(data.resolve(base.substring(1) + "src/roots/1-8.json"));
    java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
    origin.override(base + "src/manifest.json", b -> served.incrementAndGet() <= 1 ? b : older);
    // Long enough for a second pass even on a cold, loaded JVM: the first verifies the 24 window segments.
    Run run = verify(url, "--watch", "--interval", "100ms", "--duration", "5s");
    assertThat(run.code()).as(run.out()).isEqualTo(1);
    // The older root is never taken, and the origin that served it fails the run as behind (protocol
    // §4.4.1: an older genuine root and a lagging mirror look the same to any reader).
    assertThat(run.out()).contains("FAIL src/manifest.json: STALE")
        .contains("behind: root 1-8, this follower holds 1-");
  }

  @Test
  void twoConflictingRootsOfOneSizeAreReportedAsEquivocation() throws Exception {
    ManifestRoot genuine = currentRoot("src");
    java.util.List<org.ownerless.protocol.model.SegmentEntry> other = new java.util.ArrayList<>(genuine.window());
    var last = other.remove(other.size() - 1);
    other.add(new org.ownerless.protocol.model.SegmentEntry(last.index(), last.uri(), last.durationUs(),
        Digest.sha256(new byte[] {9}), last.size(), last.discontinuity()));
    ManifestRoot fork = genuine.withWindow(other); // the same position, other bytes: a fork the key signed
    byte[] forked = fork.sign(Fixtures.CREATOR).toCanonicalBytes();
    java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
    origin.override(base + "src/manifest.json", b -> served.incrementAndGet() <= 1 ? b : forked);
    Run run = verify(url, "--watch", "--interval", "100ms", "--duration", "5s");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL src/manifest.json: EQUIVOCATION").contains("EQUIVOCATION_PROOF");
  }

  @Test
  void watchFollowsAGrowingLogAcrossMissedRoots() throws Exception {
    Thread grower = new Thread(() -> {
      try {
        for (int i = 0; i < 6; i++) {
          stream.addSegments(3); // three at once: the watcher must walk roots/N.json to link them
          Thread.sleep(150);
        }
        stream.service.onPublisherChange("show", false);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    grower.start();
    Run run = verify(url, "--watch", "--interval", "100ms", "--duration", "4s");
    grower.join();
    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).doesNotContain("FAIL").contains("src log size 30");
  }

  @Test
  void aMissingFileIsReportedAsUnavailable() {
    origin.override(base + "180p/index.m3u8", b -> null);
    Run run = verify(url);
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL 180p: UNAVAILABLE").contains("HTTP 404");
  }

  @Test
  void aUrlThatIsNotAStreamUrlIsAUsageError() {
    Run run = verify("http://127.0.0.1:1/not-a-stream/");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).contains("expected a path ending in /streams/PUB/NAME/");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void timeoutBoundsEveryRequestBodyIncludedAgainstAServerThatTrickles() throws Exception {
    HttpServer trickling = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
    trickling.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "trickling-origin");
      t.setDaemon(true);
      return t;
    }));
    trickling.createContext("/", ex -> {
      ex.sendResponseHeaders(200, 100_000); // headers at once, then a byte every half second
      try (OutputStream out = ex.getResponseBody()) {
        for (int i = 0; i < 100_000; i++) {
          out.write('{');
          out.flush();
          Thread.sleep(500);
        }
      } catch (IOException | InterruptedException clientGone) {
        // the verifier gave up, as it should
      }
    });
    trickling.start();
    try {
      String slow = "http://127.0.0.1:" + trickling.getAddress().getPort() + base;
      Run run = verify(slow, "--timeout", "1s");
      assertThat(run.code()).as(run.out()).isEqualTo(1);
      assertThat(run.out()).contains("FAIL announce: UNAVAILABLE").contains("no complete answer within 1000 ms");
    } finally {
      trickling.stop(0);
    }
  }
}
