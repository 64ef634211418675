package org.ownerless.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.Rendition;
import org.ownerless.protocol.model.StreamId;

/**
 * The Java derivation against the real thing: the viewer's playlists and swarm id, hls.js's parser and
 * p2p-media-loader's hashing, run under node by viewer/tools/swarm-hashes.mjs on the same renditions.
 */
class SwarmHashesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aNodesLadderHashesAsTheViewersEngineDoes() throws Exception {
    StreamId stream = new StreamId(Signer.generate().publicKey(), "live");
    List<Rendition> ladder = List.of(
        new Rendition("src", 6_000_000, 1920, 1080, "avc1.640028,mp4a.40.2"),
        new Rendition("720p", 2_800_000, 1280, 720, "avc1.64001f,mp4a.40.2"),
        new Rendition("480p", 1_400_000, 854, 480, "avc1.4d401e,mp4a.40.2"));
    assertSameAsViewer(stream, ladder);
  }

  @Test
  void codecsAndResolutionsTheEngineNormalizesOrOmits() throws Exception {
    StreamId stream = new StreamId(Signer.generate().publicKey(), "talk-2");
    List<Rendition> odd = List.of(
        new Rendition("audio", 128_000, 0, 0, "mp4a.40.2"), // no video codec, no RESOLUTION
        new Rendition("nores", 900_000, 640, 0, "avc1.42e01e"), // half a resolution is none
        new Rendition("nocodecs", 700_000, 640, 360, ""),
        new Rendition("decimal", 800_000, 640, 360, "mp4a.40.2,avc1.66.30"), // avc1.P.L → hex
        new Rendition("hevc", 5_000_000, 1920, 1080, "mp4a.40.2 hvc1.1.6.L120.90"), // spaces separate too
        new Rendition("twovideo", 3_000_000, 1280, 720, "vp09.00.10.08,av01.0.04M.08,opus"));
    assertSameAsViewer(stream, odd);
  }

  @Test
  void aHashIsTwentyAsciiCharactersAndDiffersPerStreamAndRendition() {
    Signer creator = Signer.generate();
    Rendition r = new Rendition("720p", 2_800_000, 1280, 720, "avc1.64001f,mp4a.40.2");
    String hash = SwarmHashes.infoHash(new StreamId(creator.publicKey(), "live"), r);
    assertThat(hash).hasSize(20).matches("[A-Za-z0-9+/]{20}");
    assertThat(SwarmHashes.infoHash(new StreamId(creator.publicKey(), "other"), r)).isNotEqualTo(hash);
    assertThat(SwarmHashes.infoHash(new StreamId(creator.publicKey(), "live"),
        new Rendition("720p", 2_800_001, 1280, 720, "avc1.64001f,mp4a.40.2"))).isNotEqualTo(hash);
  }

  private static void assertSameAsViewer(StreamId stream, List<Rendition> renditions) throws Exception {
    Map<String, String> java = new LinkedHashMap<>();
    for (Rendition r : renditions) {
      java.put(r.name(), SwarmHashes.infoHash(stream, r));
    }
    assertThat(java).isEqualTo(viewerHashes(stream, renditions));
  }

  /** What viewer/tools/swarm-hashes.mjs prints: rendition name → info_hash. */
  @SuppressWarnings("unchecked")
  private static Map<String, String> viewerHashes(StreamId stream, List<Rendition> renditions) throws Exception {
    Map<String, Object> input = Map.of("pub", stream.creator().toBase64Url(), "name", stream.name(),
        "renditions", renditions);
    // The engine core's browser bundle is what node can load (see the script).
    Process node = new ProcessBuilder("node", "--conditions=p2pml:core-as-bundle", script().toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (var in = node.getOutputStream()) {
      in.write(JSON.writeValueAsBytes(input));
    }
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(node.exitValue()).as("swarm-hashes.mjs exit status").isZero();
    return JSON.readValue(out, Map.class);
  }

  private static Path script() {
    for (Path p : List.of(Path.of("tools/swarm-hashes.mjs"), Path.of("viewer/tools/swarm-hashes.mjs"))) {
      if (Files.isRegularFile(p)) {
        return p.toAbsolutePath();
      }
    }
    throw new IllegalStateException("viewer/tools/swarm-hashes.mjs not found from " + Path.of("").toAbsolutePath());
  }
}
