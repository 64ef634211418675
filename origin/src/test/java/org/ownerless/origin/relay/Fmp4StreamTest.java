package org.ownerless.origin.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.ingest.transcode.RenditionSpec;
import org.ownerless.ingest.transcode.SelectedRendition;
import org.ownerless.manifest.ManifestConfig;
import org.ownerless.manifest.ManifestService;
import org.ownerless.manifest.testing.FfmpegFmp4;
import org.ownerless.origin.follow.StreamUrl;
import org.ownerless.origin.http.OriginServer;
import org.ownerless.origin.verify.Failure;
import org.ownerless.origin.verify.PassResult;
import org.ownerless.origin.verify.StreamVerifier;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.InitSection;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.StreamId;
import org.ownerless.protocol.verify.Problem;

/**
 * An fMP4/CMAF stream (issue 16) published by the real manifest service from real ffmpeg segments,
 * served by the in-process origin: `verify URL` checks its init section like a segment, and a relay
 * mirrors it, init included, into a tree that verifies.
 */
@Tag("e2e") // real ffmpeg
class Fmp4StreamTest {
  @TempDir static Path encoded;
  static FfmpegFmp4 source;
  @TempDir Path data;
  @TempDir Path relayData;
  private final Signer creator = Signer.generate();
  private ManifestService node;
  private StreamId stream;
  private OriginServer origin;
  private String originUrl;

  @BeforeAll
  static void encode() throws Exception {
    source = FfmpegFmp4.encode(encoded.resolve("fmp4"), 5);
  }

  @BeforeEach
  void publish() throws Exception {
    node = new ManifestService(creator, ManifestConfig.defaults(data), (s, r, e, n, c) -> { });
    stream = node.open("show");
    node.onRenditions("show", List.of(
        new SelectedRendition(RenditionSpec.sourceCopy(), 320, 180, "avc1.64000d,mp4a.40.2", 500_000)));
    node.onPublisherChange("show", true);
    for (int i = 0; i < source.count(); i++) {
      node.onSegment("show", source.ready("src", i, data), false);
    }
    origin = OriginServer.builder().host("127.0.0.1").port(0).ioThreads(1)
        .staticRoot("/streams/", data.resolve("streams")).build();
    originUrl = "http://127.0.0.1:" + origin.start() + "/";
  }

  @AfterEach
  void stop() {
    origin.close();
    node.close();
  }

  private PassResult verify(String base) {
    return new StreamVerifier(StreamUrl.forStream(base, stream), null, Duration.ofSeconds(5)).pass();
  }

  private InitSection init() throws Exception {
    Path manifest = data.resolve(stream.path()).resolve("src/manifest.json");
    return ManifestRoot.fromSigned(org.ownerless.protocol.signing.SignedObject.parse(Files.readAllBytes(manifest)))
        .inits().get(0);
  }

  @Test
  void verifyChecksTheInitSectionOfAnFmp4StreamAndPasses() {
    PassResult pass = verify(originUrl);
    assertThat(pass.failures()).isEmpty();
    assertThat(pass.newSegments()).isEqualTo(source.count());
  }

  @Test
  void aFlippedByteInTheServedInitSectionIsOneFailureLine() throws Exception {
    InitSection init = init();
    Path served = data.resolve(stream.path()).resolve("src").resolve(init.uri());
    byte[] bytes = Files.readAllBytes(served);
    bytes[bytes.length / 2] ^= 1;
    Files.write(served, bytes);

    List<Failure> failures = verify(originUrl).failures();
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0).problem()).isEqualTo(Problem.SEGMENT_MISMATCH);
    assertThat(failures.get(0).where()).isEqualTo("src/" + init.uri());
  }

  @Test
  void aRelayMirrorsAnFmp4StreamWithItsInitSectionAndItsTreeVerifies() throws Exception {
    InitSection init = init();
    try (RunningRelay relay = new RunningRelay(stream, List.of(originUrl), relayData, 0)) {
      Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> relay.treeSize("src") == source.count());
      Path mirrored = relayData.resolve(stream.path()).resolve("src").resolve(init.uri());
      assertThat(Files.readAllBytes(mirrored)).isEqualTo(Files.readAllBytes(source.init()));
      assertThat(relay.get("src/" + init.uri()).headers().firstValue("content-type")).hasValue("video/mp4");
      PassResult pass = verify(relay.base);
      assertThat(pass.failures()).isEmpty();
      assertThat(pass.newSegments()).isEqualTo(source.count());
    }
  }
}
