package org.ownerless.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `node` refuses bad settings with one clear line and exit code 2, before starting anything. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeCommandTest {
  @TempDir Path dir;

  @Test
  void anUnknownConfigKeyIsNamed() throws Exception {
    Path config = dir.resolve("node.yaml");
    Files.writeString(config, "name: show\nhttpPrt: 8080\n");
    Cli.Run run = Cli.run("node", "--config", config.toString(), "--data", dir.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).contains("unknown setting 'httpPrt'").doesNotContain("Exception");
  }

  @Test
  void aMissingFfmpegSaysHowToInstallIt() {
    Cli.Run run = Cli.run("node", "--data", dir.toString(), "--ffmpeg", "no-such-ffmpeg-here");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).contains("no-such-ffmpeg-here was not found on PATH").contains("apt-get install -y ffmpeg");
  }

  @Test
  void aBusyPortIsOneClearLine() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Cli.Run run = Cli.run("node", "--data", dir.toString(), "--host", "127.0.0.1", "--http-port",
          String.valueOf(busy.getLocalPort()), "--rtmp-port", "0");
      assertThat(run.code()).isEqualTo(2);
      assertThat(run.out()).contains("HTTP port " + busy.getLocalPort() + " is already in use").doesNotContain("Exception");
    }
  }

  @Test
  void badValuesAreRefusedWithTheRule() {
    assertThat(Cli.run("node", "--data", dir.toString(), "--name", "../x").out()).contains("invalid stream name");
    assertThat(Cli.run("node", "--data", dir.toString(), "--ladder", "src,720p:x:1").out()).contains("non-numeric");
    assertThat(Cli.run("node", "--data", dir.toString(), "--publish-token", "short").out()).contains("at least 8");
    assertThat(Cli.run("node", "--data", dir.toString(), "--tls-cert", "c.pem").out()).contains("go together");
  }

  @Test
  void aServerUrlThatCannotBeOneIsOneLineAndExitTwo() {
    Cli.Run run = Cli.run("node", "--data", dir.toString(), "--public-url", "127.0.0.1:8080");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).contains("error: --public-url '127.0.0.1:8080' must start with http:// or https://")
        .doesNotContain("\tat ");
    Cli.Run tracker = Cli.run("node", "--data", dir.toString(), "--tracker", "https://t.example/announce");
    assertThat(tracker.code()).isEqualTo(2);
    assertThat(tracker.out()).contains("--tracker 'https://t.example/announce' must start with ws:// or wss://");
  }
}
