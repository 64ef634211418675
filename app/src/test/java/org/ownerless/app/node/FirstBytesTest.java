package org.ownerless.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a served watch page carries of the stream's files: the announce and its first rendition's
 * manifest byte for byte, nothing the page could not have asked for itself, nothing that could end the
 * data block, and nothing at all rather than something partial or oversized.
 */
class FirstBytesTest {
  private static final String PUB = "A".repeat(43);
  private static final Pattern ELEMENT = Pattern.compile(
      "<script type=\"application/json\" id=\"ownerless-first-bytes\">([^<]*)</script>");

  @TempDir Path streams;

  private Path stream() throws Exception {
    return Files.createDirectories(streams.resolve(PUB).resolve("show"));
  }

  private static Path write(Path file, byte[] bytes) throws Exception {
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  private static Path write(Path file, String text) throws Exception {
    return write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** path -> bytes the element carries; fails if the fragment is not exactly one well-formed element. */
  private static Map<String, byte[]> carried(String fragment) throws Exception {
    Matcher m = ELEMENT.matcher(fragment);
    assertThat(m.matches()).as("one data block and nothing else: " + fragment).isTrue();
    Map<String, byte[]> out = new LinkedHashMap<>();
    JsonNode files = new ObjectMapper().readTree(m.group(1));
    files.fields().forEachRemaining(f -> out.put(f.getKey(), Base64.getUrlDecoder().decode(f.getValue().asText())));
    return out;
  }

  @Test
  void carriesTheAnnounceAndItsFirstRenditionsManifestByteForByte() throws Exception {
    String announce = "{\"renditions\":[{\"name\":\"720p\"},{\"name\":\"src\"}],\"x\":\"</script><b>\"}";
    byte[] manifest = "{\"m\":\"\u00e9\u0000</script>\"}".getBytes(StandardCharsets.UTF_8);
    write(stream().resolve("announce.json"), announce);
    write(stream().resolve("720p/manifest.json"), manifest);
    write(stream().resolve("src/manifest.json"), "{\"not\":\"the first\"}");

    Map<String, byte[]> got = carried(new FirstBytes(streams).elementFor(PUB, "show"));

    assertThat(got.keySet()).containsExactly(
        "streams/" + PUB + "/show/announce.json", "streams/" + PUB + "/show/720p/manifest.json");
    assertThat(new String(got.get("streams/" + PUB + "/show/announce.json"), StandardCharsets.UTF_8))
        .isEqualTo(announce);
    assertThat(got.get("streams/" + PUB + "/show/720p/manifest.json")).isEqualTo(manifest);
  }

  @Test
  void aRenditionNameThatIsNotOneReadsNoOtherFile() throws Exception {
    write(stream().resolve("announce.json"), "{\"renditions\":[{\"name\":\"../../secret\"}]}");
    write(streams.resolve("secret/manifest.json"), "{\"secret\":1}");

    assertThat(carried(new FirstBytes(streams).elementFor(PUB, "show")).keySet())
        .containsExactly("streams/" + PUB + "/show/announce.json");
  }

  @Test
  void anAnnounceThatIsNotJsonIsStillCarriedButNamesNoManifest() throws Exception {
    write(stream().resolve("announce.json"), "not json at all");
    write(stream().resolve("src/manifest.json"), "{}");

    assertThat(carried(new FirstBytes(streams).elementFor(PUB, "show")).keySet())
        .containsExactly("streams/" + PUB + "/show/announce.json");
  }

  @Test
  void filesOverTheLimitAreLeftForThePageToFetch() throws Exception {
    String announce = "{\"renditions\":[{\"name\":\"src\"}]}";
    write(stream().resolve("announce.json"), announce);
    write(stream().resolve("src/manifest.json"), new byte[FirstBytes.MANIFEST_MAX + 1]);
    assertThat(carried(new FirstBytes(streams).elementFor(PUB, "show")).keySet())
        .containsExactly("streams/" + PUB + "/show/announce.json");

    write(stream().resolve("src/manifest.json"), new byte[FirstBytes.MANIFEST_MAX]);
    assertThat(carried(new FirstBytes(streams).elementFor(PUB, "show"))).hasSize(2);

    byte[] big = (announce + " ".repeat(FirstBytes.ANNOUNCE_MAX)).getBytes(StandardCharsets.UTF_8);
    write(stream().resolve("announce.json"), big);
    assertThat(new FirstBytes(streams).elementFor(PUB, "show")).isEmpty();
  }

  @Test
  void aStreamThisServerDoesNotCarryGivesNothing() throws Exception {
    assertThat(new FirstBytes(streams).elementFor(PUB, "show")).isEmpty();
    Files.createDirectories(stream().resolve("announce.json")); // a directory where the file should be
    assertThat(new FirstBytes(streams).elementFor(PUB, "show")).isEmpty();
  }
}
