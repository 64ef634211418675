package org.ownerless.ingest.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** ffprobe/ffmpeg as the independent judge of what the ingest produced. */
final class Media {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Media() {}

  record VideoStream(String codec, int width, int height) {}

  static VideoStream probeVideo(Path file) throws IOException, InterruptedException {
    JsonNode root = JSON.readTree(run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0",
        "-show_entries", "stream=codec_name,width,height", "-of", "json", file.toString())));
    JsonNode s = root.path("streams").path(0);
    return new VideoStream(s.path("codec_name").asText(), s.path("width").asInt(), s.path("height").asInt());
  }

  /**
   * Decodes every frame; returns ffmpeg's error output (empty when the file decodes cleanly and its
   * timestamps only go forward). The decoded frames keep the file's 90 kHz clock: by default ffmpeg
   * would restamp video in 1/frame-rate units, and two frames a few ms apart — as a live publisher
   * may send them, and the copy rendition keeps — would collide there as "non monotonically
   * increasing dts" although the file's own are not.
   */
  static String decodeErrors(Path file) throws IOException, InterruptedException {
    return run(List.of("ffmpeg", "-v", "error", "-nostdin", "-i", file.toString(), "-enc_time_base", "-1",
        "-f", "null", "-")).trim();
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(command.get(0) + " timed out");
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
