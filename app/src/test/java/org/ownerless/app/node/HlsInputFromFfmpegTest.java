package org.ownerless.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.testing.Waits;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.Rendition;
import org.ownerless.protocol.model.StreamStatus;

/** Bring your own packager: ffmpeg's own HLS muxer writes the tree, in MPEG-TS and in fMP4, and the node signs it. */
@Tag("e2e")
class HlsInputFromFfmpegTest {
  @TempDir Path tmp;

  @Test
  void aMasterPlaylistWithNestedVariantsInMpegTsIsPublishedUnderTheVariantsNames() throws Exception {
    Path hls = tmp.resolve("hls");
    List<String> muxer = List.of("-f", "hls", "-hls_time", "1", "-hls_list_size", "6",
        "-hls_flags", "delete_segments+temp_file", "-master_pl_name", "master.m3u8",
        "-var_stream_map", "v:0,a:0,name:Low.Res", "-hls_segment_filename", hls + "/%v/seg%d.ts", hls + "/%v/index.m3u8");
    List<Rendition> announced = publishAndVerify(hls, muxer, "low-res");
    // The master playlist said so: no probing needed, and the name is sanitized.
    assertThat(announced).extracting(Rendition::name).containsExactly("low-res");
    assertThat(announced.get(0).width()).isEqualTo(320);
    assertThat(announced.get(0).codecs()).startsWith("avc1.");
  }

  @Test
  void anFmp4MediaPlaylistIsPublishedWithItsInitSection() throws Exception {
    Path hls = tmp.resolve("hls");
    List<String> muxer = List.of("-f", "hls", "-hls_time", "1", "-hls_list_size", "6",
        "-hls_flags", "delete_segments", "-hls_segment_type", "fmp4", "-hls_fmp4_init_filename", "init.mp4",
        "-hls_segment_filename", hls + "/seg%d.m4s", hls + "/index.m3u8");
    List<Rendition> announced = publishAndVerify(hls, muxer, "src");
    assertThat(announced.get(0).width()).isEqualTo(320); // ffprobe read init + fragment
    assertThat(announced.get(0).height()).isEqualTo(180);
  }

  /** ffmpeg writes {@code hls} for 12 s; the node follows it; `verify` passes live and once ended. */
  private List<Rendition> publishAndVerify(Path hls, List<String> muxer, String rendition) throws Exception {
    Files.createDirectories(hls);
    Path data = tmp.resolve("data");
    Signer creator = Signer.generate();
    try (Node node = Node.start(HlsInputNodes.settings(data, hls), creator)) {
      File log = tmp.resolve("ffmpeg.log").toFile();
      Process ffmpeg = ffmpeg(muxer, log);
      try {
        Path stream = data.resolve(node.stream().path());
        NodeEndToEndTest.awaitFile(stream.resolve(rendition + "/roots/1-4.json"), Duration.ofSeconds(60),
            () -> HlsInputNodes.readQuietly(log.toPath()));
        Cli.Run live = Cli.run("verify", node.streamUrl());
        assertThat(live.code()).as(live.out()).isZero();
        assertThat(live.out()).contains("OK " + node.stream()).contains(rendition + " log size");
        List<Rendition> announced = HlsInputNodes.announced(stream, creator);

        assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // ffmpeg ends its playlists with EXT-X-ENDLIST: the stream ends after --end-after.
        Waits.until(Duration.ofSeconds(30), () -> "the announce to say ENDED",
            () -> NodeEndToEndTest.status(stream.resolve("announce.json"), creator) == StreamStatus.ENDED);
        Cli.Run ended = Cli.run("verify", node.streamUrl(), "--pubkey", creator.publicKey().toBase64Url());
        assertThat(ended.code()).as(ended.out()).isZero();
        assertThat(ended.out()).contains("ended");
        return announced;
      } finally {
        ffmpeg.destroyForcibly();
      }
    }
  }

  private static Process ffmpeg(List<String> muxer, File log) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "warning", "-nostdin", "-re",
        "-f", "lavfi", "-i", "testsrc=size=320x180:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
        "-t", "12", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency",
        "-g", "25", "-c:a", "aac", "-b:a", "64k"));
    cmd.addAll(muxer);
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
  }
}
