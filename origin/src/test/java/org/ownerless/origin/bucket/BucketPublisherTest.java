package org.ownerless.origin.bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.origin.verify.MediaPlaylistText;
import org.ownerless.origin.verify.PassResult;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.signing.SignedObject;

/** A stream published by the manifest service, mirrored to a real S3 API server (s3proxy). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BucketPublisherTest {
  @TempDir Path data;
  private S3Server s3;
  private PublishedStream stream;
  private SimpleMeterRegistry metrics;
  private BucketPublisher publisher;
  private BucketView bucket;

  @BeforeEach
  void start() throws Exception {
    s3 = new S3Server();
    stream = new PublishedStream(data);
    metrics = new SimpleMeterRegistry();
    BucketSettings settings = s3.settings("live/eu");
    publisher = BucketPublisher.start(S3ObjectStore.open(settings), settings.bucket(), stream.dir(),
        settings.key(stream.id.path()), metrics, Duration.ofMillis(200), Duration.ofSeconds(1));
    stream.onPublished(publisher::changed);
    bucket = new BucketView(settings.publicUrl(), stream);
    assertThat(settings.publicUrl()).isEqualTo(s3.bucketUrl() + "live/eu/");
  }

  @AfterEach
  void stop() throws Exception {
    publisher.close(Duration.ofSeconds(5));
    stream.close();
    s3.close();
  }

  @Test
  void everyFileIsInTheBucketWithTheOriginsContentTypesAndCaching() throws Exception {
    for (int i = 0; i < 4; i++) {
      stream.addSegment();
    }
    bucket.awaitTreeSize(4, Duration.ofSeconds(20));
    String base = bucket.streamUrl;
    expect(base + "announce.json", "application/json", "no-cache");
    expect(base + "master.m3u8", "application/vnd.apple.mpegurl", "no-cache");
    for (String r : PublishedStream.RENDITIONS) {
      expect(base + r + "/index.m3u8", "application/vnd.apple.mpegurl", "no-cache");
      expect(base + r + "/manifest.json", "application/json", "no-cache");
      expect(base + r + "/roots/1-4.json", "application/json", "public, max-age=31536000, immutable");
      for (MediaPlaylistText.Item item : MediaPlaylistText.parse(BucketHttp.get(base + r + "/index.m3u8").body()).items()) {
        expect(base + r + "/" + item.uri(), "video/mp2t", "public, max-age=31536000, immutable");
      }
    }
    // A page served from anywhere may read it: the bucket answers CORS for any origin.
    HttpResponse<byte[]> cors = BucketHttp.get(base + "announce.json", "http://viewer.example");
    assertThat(cors.headers().firstValue("Access-Control-Allow-Origin")).isPresent();

    PassResult verified = bucket.verify();
    assertThat(verified.failures()).isEmpty();
    assertThat(metrics.get("ownerless.bucket.uploads").tag("result", "ok").counter().count()).isGreaterThan(10);
  }

  @Test
  void aManifestListingPartsIsUploadedAsThePartLessRootOfItsSize() throws Exception {
    stream.addSegment();
    stream.addSegment();
    stream.addPart(0);
    stream.addPart(1);
    for (String r : PublishedStream.RENDITIONS) {
      byte[] local = Files.readAllBytes(stream.dir().resolve(r).resolve("manifest.json"));
      assertThat(ManifestRoot.fromSigned(SignedObject.parse(local)).parts()).as("the node lists parts").hasSize(2);
    }
    bucket.awaitTreeSize(2, Duration.ofSeconds(20));
    for (String r : PublishedStream.RENDITIONS) {
      byte[] partless = Files.readAllBytes(stream.dir().resolve(r).resolve("roots/1-2.json"));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(BucketHttp.get(bucket.streamUrl + r + "/manifest.json").body()).isEqualTo(partless));
      assertThat(BucketHttp.get(bucket.streamUrl + r + "/" + StreamLayout.part(1, 2, 0)).statusCode())
          .as("parts are not uploaded").isNotEqualTo(200);
    }
    assertThat(bucket.verify().failures()).isEmpty();
  }

  @Test
  void aReaderPollingThePlaylistNeverFindsAMissingSegmentOrManifestEntry() throws Exception {
    List<String> violations = new CopyOnWriteArrayList<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger playlistsChecked = new AtomicInteger();
    Thread reader = new Thread(() -> {
      try {
        while (writing.get()) {
          HttpResponse<byte[]> p = BucketHttp.get(bucket.streamUrl + "src/index.m3u8");
          if (p.statusCode() != 200) {
            continue;
          }
          List<MediaPlaylistText.Item> items = MediaPlaylistText.parse(p.body()).items();
          long size = bucket.treeSize("src");
          for (MediaPlaylistText.Item item : items) {
            if (item.index() >= size) {
              violations.add("playlist lists " + item.index() + " but the manifest has " + size);
            }
            if (BucketHttp.status(bucket.streamUrl + "src/" + item.uri()) != 200) {
              violations.add("playlist lists " + item.uri() + " which is not in the bucket");
            }
          }
          playlistsChecked.incrementAndGet();
        }
      } catch (Exception e) {
        violations.add("reader failed: " + e);
      }
    }, "bucket-reader");
    reader.start();
    for (int i = 0; i < 30; i++) {
      stream.addSegment();
      Thread.sleep(40);
    }
    bucket.awaitTreeSize(30, Duration.ofSeconds(20));
    writing.set(false);
    reader.join(10_000);
    assertThat(violations).isEmpty();
    assertThat(playlistsChecked.get()).isGreaterThan(5);
  }

  @Test
  void anOutageNeverBlocksPublishingAndTheBucketCatchesUpToAConsistentState() throws Exception {
    for (int i = 0; i < 3; i++) {
      stream.addSegment();
    }
    bucket.awaitTreeSize(3, Duration.ofSeconds(20));

    s3.stop();
    long start = System.nanoTime();
    for (int i = 0; i < 25; i++) {
      stream.addSegment(); // 25 more while the bucket is down: more than a manifest's window
    }
    long publishMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(publishMs).as("publishing while the bucket is down").isLessThan(10_000);
    await("the publisher to notice the outage").atMost(Duration.ofSeconds(10)).until(() -> !publisher.isUp());
    // Retries back off (200 ms, 400 ms, 800 ms …) while publishing goes on.
    await("three failed passes").atMost(Duration.ofSeconds(10))
        .until(() -> metrics.get("ownerless.bucket.sync.failures").counter().count() >= 3);
    stream.addSegment();
    assertThat(metrics.get("ownerless.bucket.uploads").tag("result", "failed").counter().count()).isPositive();

    s3.start();
    bucket.awaitTreeSize(29, Duration.ofSeconds(20));
    // The manifest is visible mid-pass; the publisher says it is up once that whole pass has succeeded.
    await("the publisher to report the bucket up").atMost(Duration.ofSeconds(10)).until(publisher::isUp);
    PassResult live = bucket.verify();
    assertThat(live.failures()).isEmpty();
    assertThat(live.treeSizes()).containsEntry("src", 29L);

    // Segments that left the window during the outage were skipped; the end of the stream lists the
    // whole log again, and the final pass of close() sends them.
    stream.close();
    publisher.close(Duration.ofSeconds(20));
    PassResult ended = bucket.verify();
    assertThat(ended.failures()).isEmpty();
    assertThat(ended.ended()).isTrue();
  }

  private static void expect(String url, String contentType, String cacheControl) throws Exception {
    HttpResponse<byte[]> r = BucketHttp.get(url);
    assertThat(r.statusCode()).as(url).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).as(url).hasValue(contentType);
    assertThat(r.headers().firstValue("Cache-Control")).as(url).hasValue(cacheControl);
  }
}
