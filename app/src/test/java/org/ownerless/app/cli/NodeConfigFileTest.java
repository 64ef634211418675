package org.ownerless.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.Main;
import org.ownerless.app.node.NodeSettings;
import org.ownerless.protocol.model.LatencyMode;

/** `node --config FILE`: a flag beats the file, the file beats the default, a bad file is one clear line. */
class NodeConfigFileTest {
  @TempDir Path dir;

  private String config(String yaml) throws Exception {
    Path file = dir.resolve("node.yaml");
    Files.writeString(file, yaml);
    return file.toString();
  }

  @Test
  void theFileSetsWhatNoFlagSets() throws Exception {
    String file = config("name: show\nhttpPort: 9090\nlatency: low\nendAfter: 2m\ntitle: From the file\n"
        + "ladder: src\nretention: 50\n");
    NodeSettings s = NodeArgs.settings("--config", file, "--data", dir.toString());
    assertThat(s.name()).isEqualTo("show");
    assertThat(s.httpPort()).isEqualTo(9090);
    assertThat(s.latency()).isEqualTo(LatencyMode.LOW);
    assertThat(s.endAfter()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.title()).isEqualTo("From the file");
    assertThat(s.ladder().toString()).isEqualTo("src");
    assertThat(s.retention()).isEqualTo(50);
    assertThat(s.rtmpPort()).as("not in the file: the default").isEqualTo(1935);
  }

  @Test
  void aFlagBeatsTheFile() throws Exception {
    String file = config("name: show\nhttpPort: 9090\ndata: " + dir.resolve("from-file") + "\n");
    NodeSettings s = NodeArgs.settings("--config", file, "--http-port", "7070", "--data", dir.resolve("from-flag").toString());
    assertThat(s.httpPort()).isEqualTo(7070);
    assertThat(s.dataDir()).isEqualTo(dir.resolve("from-flag"));
    assertThat(s.name()).isEqualTo("show");
  }

  @Test
  void listsFromTheFileComeBeforeTheFlags() throws Exception {
    String file = config("origins:\n  - https://a.example/\n  - https://b.example/\ntrackers: wss://t.example/announce\n");
    NodeSettings s = NodeArgs.settings("--config", file, "--data", dir.toString(), "--origin", "https://c.example/");
    assertThat(s.extraOrigins()).containsExactly("https://a.example/", "https://b.example/", "https://c.example/");
    assertThat(s.trackers()).containsExactly("wss://t.example/announce");
  }

  @Test
  void withoutAFileEverySettingIsItsDefault() throws Exception {
    NodeSettings s = NodeArgs.settings("--data", dir.toString());
    assertThat(s.name()).isEqualTo("live");
    assertThat(s.host()).isEqualTo("0.0.0.0");
    assertThat(s.httpPort()).isEqualTo(8080);
    assertThat(s.endAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.keyFile()).isEqualTo(dir.resolve("creator.key"));
  }

  @Test
  void anUnknownKeyIsNamedWithTheFile() throws Exception {
    String file = config("name: show\nhttpPrt: 8080\n");
    assertRefused(file + ": unknown setting 'httpPrt'", "--config", file);
  }

  @Test
  void aFlagOnlySettingIsUnknownInTheFile() throws Exception {
    String file = config("newEpoch: true\n");
    assertRefused(file + ": unknown setting 'newEpoch'", "--config", file);
  }

  @Test
  void aValueOfTheWrongTypeNamesTheFileAndKey() throws Exception {
    String file = config("httpPort: eighty\n");
    assertRefused(file + ": httpPort: 'eighty' is not a whole number", "--config", file);
    file = config("endAfter: soon\n");
    assertRefused(file + ": endAfter: 'soon' is not a duration", "--config", file);
    file = config("name:\n  - a\n  - b\n");
    assertRefused(file + ": name takes a single value", "--config", file);
  }

  @Test
  void malformedOrMissingFilesAreOneLine() throws Exception {
    String file = config("name: [unclosed\n");
    assertRefused(file + ": ", "--config", file);
    assertRefused("no such file: " + dir.resolve("absent.yaml"), "--config", dir.resolve("absent.yaml").toString());
  }

  private void assertRefused(String message, String... flags) {
    String[] args = new String[flags.length + 3];
    args[0] = "node";
    System.arraycopy(flags, 0, args, 1, flags.length);
    args[flags.length + 1] = "--data";
    args[flags.length + 2] = dir.toString();
    StringWriter out = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(out));
    assertThat(code).as(out.toString()).isEqualTo(2);
    assertThat(out.toString()).startsWith("error: " + message).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(out.toString().strip().lines().count()).as(out.toString()).isEqualTo(1);
  }
}
