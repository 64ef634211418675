package org.ownerless.ingest.hls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Fills in what a master playlist did not say (RESOLUTION, CODECS) by running ffprobe on a segment,
 * with a deadline. Only ffprobe: the follower never transcodes.
 */
final class SegmentProbe {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_OUTPUT = 64 << 10;

  private SegmentProbe() {}

  static ProbedMedia probe(String ffprobe, Path segment, Path init, Duration deadline) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(ffprobe, "-v", "error", "-show_entries",
        "stream=codec_type,codec_name,profile,level,width,height", "-of", "json"));
    // An fMP4 fragment is not decodable alone: ffprobe reads the init section and the fragment concatenated.
    cmd.add(init == null ? segment.toString() : "concat:" + init + "|" + segment);
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      byte[] out = p.getInputStream().readNBytes(MAX_OUTPUT);
      if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException("ffprobe took longer than " + deadline.toSeconds() + " s on " + segment.getFileName());
      }
      if (p.exitValue() != 0) {
        throw new IOException("ffprobe could not read " + segment.getFileName() + " (exit " + p.exitValue() + ")");
      }
      return fromJson(JSON.readTree(out));
    } finally {
      p.destroyForcibly();
    }
  }

  static ProbedMedia fromJson(JsonNode root) {
    int width = 0;
    int height = 0;
    List<String> codecs = new ArrayList<>();
    for (JsonNode s : root.path("streams")) {
      String type = s.path("codec_type").asText();
      String name = s.path("codec_name").asText();
      String profile = s.path("profile").asText("").toLowerCase(Locale.ROOT);
      if (type.equals("video") && width == 0) {
        width = s.path("width").asInt(0);
        height = s.path("height").asInt(0);
        if (name.equals("h264")) {
          codecs.add(String.format("avc1.%s%02x", avcProfile(profile), s.path("level").asInt(31) & 0xff));
        }
      } else if (type.equals("audio") && name.equals("aac")) {
        codecs.add(profile.startsWith("he-aacv2") ? "mp4a.40.29" : profile.startsWith("he-aac") ? "mp4a.40.5" : "mp4a.40.2");
      }
    }
    return new ProbedMedia(Math.max(0, Math.min(width, 16384)), Math.max(0, Math.min(height, 16384)),
        String.join(",", codecs));
  }

  /** profile_idc and the constraint flags as RFC 6381 writes them, for the profiles encoders use. */
  private static String avcProfile(String profile) {
    return switch (profile) {
      case "constrained baseline" -> "42e0";
      case "baseline" -> "4200";
      case "main" -> "4d40";
      case "high 10" -> "6e00";
      case "high 4:2:2" -> "7a00";
      default -> "6400";
    };
  }
}
