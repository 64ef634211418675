package org.ownerless.app.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ownerless.app.cli.DemoCommand;
import org.ownerless.app.cli.NodeCommand;
import org.ownerless.app.cli.RelayCommand;
import org.ownerless.app.cli.TrackerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Options the server commands have in common are declared once, here, each command choosing only its default. */
class SharedOptionsTest {
  private static final Map<String, Object> COMMANDS = Map.of("node", new NodeCommand(), "relay", new RelayCommand(),
      "tracker", new TrackerCommand(), "demo", new DemoCommand());
  private static final List<String> SHARED = List.of("--host", "--http-port", "--rtmp-port", "--data", "--public-url",
      "--tls-cert", "--tls-key", "--latency", "--ffmpeg", "--lightning", "--evm", "--chain-id");

  private static OptionSpec option(String command, String name) {
    return new CommandLine(COMMANDS.get(command)).getCommandSpec().findOption(name);
  }

  @Test
  void everyCommandTakesItsSharedOptionsFromThisPackage() {
    for (String command : COMMANDS.keySet()) {
      for (String name : SHARED) {
        OptionSpec o = option(command, name);
        if (o != null) {
          Field field = (Field) o.userObject();
          assertThat(field.getDeclaringClass().getPackageName()).as("%s %s", command, name)
              .isEqualTo(SharedOptionsTest.class.getPackageName());
        }
      }
    }
  }

  @Test
  void eachCommandKeepsItsOwnDefaults() {
    assertThat(option("node", "--host").initialValue()).isEqualTo("0.0.0.0");
    assertThat(option("demo", "--host").initialValue()).isEqualTo("127.0.0.1");
    assertThat(option("tracker", "--host").initialValue()).isEqualTo("0.0.0.0");
    assertThat(option("node", "--http-port").initialValue()).isEqualTo(8080);
    assertThat(option("relay", "--http-port").initialValue()).isEqualTo(8081);
    assertThat(option("node", "--data").initialValue()).isEqualTo(Path.of("ownerless-data"));
    assertThat(option("relay", "--data").initialValue()).isEqualTo(Path.of("ownerless-relay"));
    assertThat(option("demo", "--data").initialValue()).isEqualTo(Path.of("ownerless-demo"));
  }

  @Test
  void durationsAreShownAsPeopleWriteThem() {
    assertThat(DurationParser.format(Duration.ofSeconds(30))).isEqualTo("30s");
    assertThat(DurationParser.format(Duration.ofMinutes(10))).isEqualTo("10m");
    assertThat(DurationParser.format(Duration.ofDays(7))).isEqualTo("7d");
    assertThat(DurationParser.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(DurationParser.parse(DurationParser.format(Duration.ofHours(24)))).isEqualTo(Duration.ofHours(24));
  }
}
