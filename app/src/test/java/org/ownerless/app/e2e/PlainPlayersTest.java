package org.ownerless.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.relay.Relay;
import org.ownerless.app.relay.RelayOptions;
import org.ownerless.app.testing.Chromium;
import org.ownerless.app.testing.LiveNode;
import org.ownerless.app.testing.StaticHost;
import org.ownerless.app.testing.Waits;

/**
 * Operators point any HLS player at a node or a relay: ffprobe, ffmpeg and plain hls.js (no
 * p2p-media-loader, no ownerless viewer code) read /streams/PUB/NAME/master.m3u8 like any HLS source.
 */
@Tag("e2e")
class PlainPlayersTest {
  /** Two variants: the copied source and one transcoded rung, so "each variant" means something. */
  private static final List<String> RENDITIONS = List.of("src", "144p");
  private static final Duration PROCESS_DEADLINE = Duration.ofSeconds(60);

  @TempDir static Path tmp;
  private static LiveNode live;
  private static Relay relay;

  @BeforeAll
  static void startNodeAndRelay() throws Exception {
    live = LiveNode.start(tmp.resolve("node"), "src,144p:144:200", 240);
    relay = Relay.start(new RelayOptions(live.node.stream(), List.of(live.node.publicUrl()), tmp.resolve("relay"),
        "127.0.0.1", 0, null, 64, null, null));
    for (String rendition : RENDITIONS) {
      live.awaitSegments(rendition, 3, Duration.ofSeconds(60));
    }
  }

  @AfterAll
  static void stop() {
    if (relay != null) {
      relay.close();
    }
    if (live != null) {
      live.close();
    }
  }

  @Test
  void ffprobeAndFfmpegReadTheNodesPlaylistsLikeAnyHlsSource() throws Exception {
    String master = live.node.streamUrl() + "master.m3u8";
    assertEveryVariantHasVideoAndAudio(master);

    // ffmpeg picks one variant and decodes 3 s of it; -xerror turns any decoding error into a failure.
    Ran decode = run("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-xerror", "-rw_timeout", "10000000",
        "-i", master, "-t", "3", "-f", "null", "-progress", "pipe:1", "-nostats", "-");
    assertThat(decode.exit).as(decode.err).isZero();
    assertThat(decode.err).as("ffmpeg's errors").isBlank();
    // 3 s at the publisher's 15 fps are 45 frames; a few may fall at the cut.
    assertThat(lastFrameCount(decode.out)).as(decode.out).isGreaterThanOrEqualTo(40);
  }

  @Test
  void plainHlsJsInChromiumPlaysTheNodesMasterPlaylistAcrossOrigins() throws Exception {
    assertPlainHlsJsPlays(live.node.streamUrl() + "master.m3u8");
  }

  @Test
  void aRelayServesPlainPlayersTheSameWay() throws Exception {
    Waits.until(Duration.ofSeconds(60), () -> "3 segments of each rendition on the relay",
        () -> RENDITIONS.stream().allMatch(r -> treeSize(r) >= 3));
    String master = relay.streamUrl() + "master.m3u8";
    assertEveryVariantHasVideoAndAudio(master);
    assertPlainHlsJsPlays(master);
  }

  /** ffprobe opens the master playlist: one program per variant, each with a video and an audio stream. */
  private static void assertEveryVariantHasVideoAndAudio(String master) throws Exception {
    Ran probe = run("ffprobe", "-v", "error", "-rw_timeout", "10000000", "-show_entries",
        "program=program_id:stream=codec_type,codec_name,width,height", "-of", "json", master);
    assertThat(probe.exit).as(probe.err).isZero();
    JsonNode programs = new ObjectMapper().readTree(probe.out).path("programs");
    assertThat(programs).as(probe.out).hasSize(RENDITIONS.size());
    for (JsonNode program : programs) {
      List<String> types = new ArrayList<>();
      program.path("streams").forEach(s -> types.add(s.path("codec_type").asText()));
      assertThat(types).as("program %s: %s", program.path("program_id"), program).contains("video", "audio");
      program.path("streams").forEach(s -> {
        if (s.path("codec_type").asText().equals("video")) {
          assertThat(s.path("codec_name").asText()).isEqualTo("h264");
          assertThat(s.path("height").asInt()).isBetween(144, 180);
        }
      });
    }
  }

  /**
   * A tiny page on another origin (a local static host) with nothing but the hls.js the viewer is
   * built from: the playlist, variants and segments are fetched cross-origin, so CORS is exercised.
   */
  private static void assertPlainHlsJsPlays(String master) throws Exception {
    Path hlsJs = Path.of(System.getProperty("user.dir")).resolveSibling("viewer/node_modules/hls.js/dist/hls.min.js");
    assertThat(hlsJs).as("npm packages of viewer/ (scripts/test.sh installs them)").isRegularFile();
    Path site = Files.createTempDirectory(tmp, "plain-page");
    Files.copy(hlsJs, site.resolve("hls.min.js"));
    Files.writeString(site.resolve("index.html"), """
        <!doctype html>
        <video id="v" muted autoplay playsinline></video>
        <script src="hls.min.js"></script>
        <script>
          window.fatal = null;
          window.variants = 0;
          const video = document.getElementById('v');
          const hls = new Hls();
          hls.on(Hls.Events.ERROR, (event, data) => { if (data.fatal) window.fatal = data.type + ': ' + data.details; });
          hls.on(Hls.Events.MANIFEST_PARSED, (event, data) => { window.variants = data.levels.length; video.play(); });
          hls.loadSource(new URLSearchParams(location.search).get('src'));
          hls.attachMedia(video);
        </script>
        """, StandardCharsets.UTF_8);
    try (StaticHost host = new StaticHost(site); Chromium chromium = new Chromium()) {
      Page page = chromium.newViewer();
      page.navigate(host.url() + "index.html?src=" + java.net.URLEncoder.encode(master, StandardCharsets.UTF_8));
      Waits.until(Duration.ofSeconds(60), () -> "playback past 4 s, no fatal error: " + state(page)
          + " console " + Chromium.console(page), () -> {
            if (page.evaluate("() => window.fatal") != null) {
              throw new AssertionError("fatal hls.js error: " + state(page) + " console " + Chromium.console(page));
            }
            return ((Number) page.evaluate("() => document.getElementById('v').currentTime")).doubleValue() > 4;
          });
      assertThat(page.evaluate("() => window.variants")).isEqualTo(RENDITIONS.size());
      assertThat(page.evaluate("() => window.fatal")).isNull();
    }
  }

  private static String state(Page page) {
    return String.valueOf(page.evaluate(
        "() => ({time: document.getElementById('v').currentTime, fatal: window.fatal, variants: window.variants})"));
  }

  private static long treeSize(String rendition) {
    var root = relay.mirror().published().get(rendition);
    return root == null ? 0 : root.treeSize();
  }

  private static final Pattern FRAME = Pattern.compile("(?m)^frame=(\\d+)$");

  private static long lastFrameCount(String progress) {
    long frames = -1;
    Matcher m = FRAME.matcher(progress);
    while (m.find()) {
      frames = Long.parseLong(m.group(1));
    }
    return frames;
  }

  private record Ran(int exit, String out, String err) {}

  /** A child process with a deadline; its output and errors kept in files (no pipe to fill up). */
  private static Ran run(String... cmd) throws IOException, InterruptedException {
    Path out = Files.createTempFile(tmp, "out-", ".txt");
    Path err = Files.createTempFile(tmp, "err-", ".txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(PROCESS_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError(cmd[0] + " did not finish in " + PROCESS_DEADLINE.toSeconds() + " s: " + Files.readString(err));
    }
    return new Ran(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
