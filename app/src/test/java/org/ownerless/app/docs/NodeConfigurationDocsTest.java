package org.ownerless.app.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ownerless.app.cli.NodeCommand;
import org.ownerless.app.config.ConfigKeys;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The README's node configuration table says what the code declares: one row per `node` setting
 * (no more, no fewer), with the YAML key derived from the flag and the default the option starts
 * from — the same default `--help` shows. Where a default depends on other settings, the option's
 * description states it as "(default: ...)", and the README must say the same.
 */
class NodeConfigurationDocsTest {
  private static final Path README = Path.of("..").toAbsolutePath().normalize().resolve("README.md");
  private static final String NONE = "—";
  private static final String CONFIG_ONLY = "(config file only)";
  private static final Pattern DEFAULT_IN_DESCRIPTION = Pattern.compile("\\(default: ([^)]*)\\)");

  record Row(String flag, String key, String defaultValue) {}

  @Test
  void everyDeclaredSettingHasOneRowWithItsKeyAndDefault() throws Exception {
    Map<String, Row> readme = readmeRows();
    Map<String, Row> declared = declaredRows();
    assertThat(readme.keySet()).as("README rows (flag or config key)").containsExactlyInAnyOrderElementsOf(declared.keySet());
    for (Map.Entry<String, Row> e : declared.entrySet()) {
      assertThat(readme.get(e.getKey())).as("README row for %s", e.getKey()).isEqualTo(e.getValue());
    }
  }

  @Test
  void helpShowsTheDeclaredDefaultOfEverySettingThatHasOne() {
    CommandSpec spec = new CommandLine(new NodeCommand()).getCommandSpec();
    String help = new CommandLine(new NodeCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF)
        .replaceAll("\\s+", ""); // picocli wraps long values anywhere, even inside a word
    for (OptionSpec o : spec.options()) {
      String value = plainValue(o);
      if (!o.hidden() && value != null && !(o.initialValue() instanceof Boolean)) {
        assertThat(help).as("--help for %s", o.longestName()).contains(("(default:" + o.initialValue()).replaceAll("\\s+", ""));
      }
    }
  }

  /** Settings as the code declares them, keyed by flag (or YAML key for config-only ones). */
  private static Map<String, Row> declaredRows() {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (OptionSpec o : new CommandLine(new NodeCommand()).getCommandSpec().options()) {
      String key = ConfigKeys.of(o);
      if (o.usageHelp() || o.versionHelp() || o.longestName().equals("--config")) {
        continue; // how settings are given, not settings
      }
      String flag = o.hidden() ? CONFIG_ONLY : o.longestName();
      Row row = new Row(flag, key == null ? NONE : key, declaredDefault(o));
      rows.put(o.hidden() ? key : flag, row);
    }
    return rows;
  }

  private static String declaredDefault(OptionSpec o) {
    String value = plainValue(o);
    if (value != null) {
      return value;
    }
    if (o.initialValue() instanceof Boolean) {
      return "off";
    }
    Matcher m = DEFAULT_IN_DESCRIPTION.matcher(String.join(" ", o.description()));
    return m.find() ? m.group(1) : NONE;
  }

  /** The option's starting value as a user would write it, or null when it starts empty. */
  private static String plainValue(OptionSpec o) {
    Object v = o.initialValue();
    if (v == null || v instanceof Boolean || v instanceof Collection && ((Collection<?>) v).isEmpty()) {
      return null;
    }
    if (v instanceof Double && (Double) v == Math.rint((Double) v)) {
      return Long.toString(((Double) v).longValue()); // 1.0 reads as 1 in a table
    }
    return v.toString();
  }

  /** The rows of the table under "## Node configuration", backticks and the "(flag only)" note removed. */
  private static Map<String, Row> readmeRows() throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int from = readme.indexOf("## Node configuration");
    assertThat(from).as("README has a Node configuration section").isNotNegative();
    int to = readme.indexOf("\n## ", from + 1);
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String line : readme.substring(from, to).lines().toList()) {
      if (!line.startsWith("| ") || line.startsWith("| flag ") || line.startsWith("|---")) {
        continue;
      }
      String[] cells = line.split("\\|", -1);
      String flag = plain(cells[1]);
      String key = plain(cells[2]).replace(" (flag only)", "");
      Row row = new Row(flag, key, plain(cells[3]));
      Row before = rows.put(flag.equals(CONFIG_ONLY) ? key : flag, row);
      assertThat(before).as("a second README row for %s", flag).isNull();
    }
    return rows;
  }

  private static String plain(String cell) {
    return cell.replace("`", "").trim();
  }
}
