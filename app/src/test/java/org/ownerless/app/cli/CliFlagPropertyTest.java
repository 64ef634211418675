package org.ownerless.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.ownerless.app.Main;
import org.ownerless.app.config.ConfigKeys;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option and parameter of every command, and every key of the node's config file, fed hostile
 * values: the answer is always exit 0 or exit 2 with exactly one {@code error:} line — never an
 * internal error, a stack trace or exception text. The flags are enumerated from picocli's model,
 * so a new flag is covered without touching this test. Commands run through {@link Main#check}
 * (parse and check, nothing started or written), which is also what every command runs first.
 */
class CliFlagPropertyTest {
  private static Path dir;
  private static String keyFile;
  private static String announceFile;
  private static String pub;

  /** One thing a user can type: a command's option (by its longest name) or positional parameter. */
  record Target(String command, String name, boolean option, boolean takesValue, String yamlKey) {
    @Override
    public String toString() {
      return command + " " + name;
    }
  }

  record Case(Target target, String value, boolean attached) {
    @Override
    public String toString() {
      return target + " = " + CliFlagPropertyTest.show(value) + (attached ? " (attached)" : "");
    }
  }

  @BeforeContainer
  static void fixtures() throws IOException {
    dir = Files.createTempDirectory("cli-props");
    keyFile = dir.resolve("creator.key").toString();
    CliRun key = CliRun.of("keygen", "--out", keyFile);
    assertThat(key.exitCode()).as(key.all()).isZero();
    pub = key.out().strip();
    announceFile = dir.resolve("announce.json").toString();
    CliRun announce = CliRun.of("announce", "--key", keyFile, "--name", "show", "--out", announceFile);
    assertThat(announce.exitCode()).as(announce.all()).isZero();
    Files.createDirectories(dir.resolve("data"));
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * Valid values for what a command requires (or needs from this machine, like an ffmpeg), so that a
   * run fails only for the value under test. A new required option needs a line here; the test says so.
   */
  private static Map<String, List<String>> baseArgs(String command) {
    Map<String, List<String>> base = new LinkedHashMap<>();
    switch (command) {
      case "keygen" -> base.put("--out", List.of(dir.resolve("new.key").toString()));
      case "announce" -> {
        base.put("--key", List.of(keyFile));
        base.put("--name", List.of("show"));
        base.put("--out", List.of(dir.resolve("new-announce.json").toString()));
      }
      case "verify" -> base.put("TARGET", List.of(announceFile));
      case "relay" -> {
        base.put("--upstream", List.of("http://127.0.0.1:9/"));
        base.put("--stream", List.of(pub + "/show"));
        base.put("--data", List.of(dir.resolve("relay").toString()));
      }
      case "node", "demo" -> {
        base.put("--data", List.of(dir.resolve("data").toString()));
        base.put("--ffmpeg", List.of("/bin/sh")); // any executable: ffmpeg need not be installed here
      }
      default -> { }
    }
    return base;
  }

  private static List<Target> targets() {
    List<Target> all = new ArrayList<>();
    CommandLine main = new CommandLine(new Main());
    for (Map.Entry<String, CommandLine> sub : main.getSubcommands().entrySet()) {
      if (sub.getKey().equals("help")) {
        continue;
      }
      CommandSpec spec = sub.getValue().getCommandSpec();
      for (OptionSpec o : spec.options()) {
        boolean file = spec.defaultValueProvider() != null && ConfigKeys.of(o) != null;
        all.add(new Target(sub.getKey(), o.longestName(), true, o.arity().max() > 0, file ? ConfigKeys.of(o) : null));
      }
      for (ArgSpec p : spec.positionalParameters()) {
        all.add(new Target(sub.getKey(), ((CommandLine.Model.PositionalParamSpec) p).paramLabel(), false, true, null));
      }
    }
    return all;
  }

  /** What a careless, confused or malicious user types. */
  static List<String> hostileValues() {
    String key = pub == null ? "A".repeat(43) : pub;
    return List.of(
        // empty and blank
        "", " ", "\t", "  \n ",
        // numbers
        "0", "-1", "-0", "+5", " 1935 ", "1.5", "1e9", "1e400", "NaN", "Infinity", "-Infinity", "0x10", "1_000",
        "2147483648", "-2147483649", "9223372036854775808", "99999999999999999999999999", "65536", "70000",
        // text
        "abc", "ünïcödé", "名前", "🎥📡", "\u0000", "a\u0000b", "\u001b[31mred\u001b[0m", "line1\nline2", "\r", "\u2028",
        "\u202eevil", "a".repeat(10_000), "'; rm -rf / #", "${jndi:ldap://x/a}", "%s%n%x",
        // paths
        "/", ".", "..", "../x", "a/b", "./", "/nonexistent/dir/file", "/proc/nope/x", "/dev/null", "/etc/passwd",
        dir.resolve("data").toString(), dir.resolve("no/such/dir/f").toString(), "~/x",
        // URLs
        "host:8080", "127.0.0.1:8080", "http://", "http:///x", "http://host name/", "http:// host", "ws://host/",
        "wss://h/announce", "https://h/?q=1", "http://h/#f", "http://u:p@h/", "ftp://h/", "HTTP://H:8080",
        "http://h:99999/", "http://[::1/", "http://h/" + "a".repeat(3000), "://", "http://h:8080", "https://watch.example/",
        "http://127.0.0.1:9/streams/" + key + "/show/", "javascript:alert(1)", "file:///etc/passwd",
        // durations
        "-1s", "1e9h", "PT-1S", "P-1D", "999999999d", "PT9999999999999H", "P106751991167300D", "0s", "1 s", "10S", "PT",
        "1.5s", "30s", "3651d",
        // ladders and renditions
        "720p,", ",,", ",", "9999999p", "src,src", "720p:720:2800", "720p:99999999999:1", "720P:720:2800", "x:0:0",
        "src,720p:720", ":::", "a:b:c:d:e", "src," + "r:240:400,".repeat(40), "720p:2800000:1280x720:avc1",
        "720p:2800000:99999x99999:avc1",
        // names, keys, streams, tips
        "..", ".hidden", "-x", "a b", "live", key, key + "/show", "/show", key + "/", key + "/../x", "A".repeat(43),
        "user@domain.example", "USER@X", "0x" + "0".repeat(40), "0x" + "g".repeat(40), "low", "normal", "ended", "true");
  }

  /** Random text: any characters (control and unpaired surrogates included), short and long. */
  private static Arbitrary<String> randomText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30),
        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25).map(s -> (s.length() % 2 == 0 ? "-" : "") + s),
        Arbitraries.strings().all().ofMinLength(5_000).ofMaxLength(12_000));
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<String> values = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.of(hostileValues())), net.jqwik.api.Tuple.of(1, randomText()));
    return Combinators.combine(Arbitraries.of(targets()), values, Arbitraries.of(true, false)).as(Case::new);
  }

  @Provide
  Arbitrary<Case> yamlCases() {
    List<Target> keyed = targets().stream().filter(t -> t.yamlKey() != null).toList();
    Arbitrary<String> values = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.of(hostileValues())), net.jqwik.api.Tuple.of(1, randomText()));
    return Combinators.combine(Arbitraries.of(keyed), values).as((t, v) -> new Case(t, v, false));
  }

  @Property(tries = 400)
  void everyFlagOfEveryCommandIsExitZeroOrOneErrorLine(@ForAll("cases") Case c) {
    assertClean(CliRun.check(args(c)), c.toString());
  }

  @Property(tries = 100)
  void everyKeyOfTheNodeConfigFileIsExitZeroOrOneErrorLine(@ForAll("yamlCases") Case c) throws IOException {
    Path file = Files.createTempFile(dir, "node", ".yaml");
    Files.writeString(file, YAML.writeValueAsString(Map.of(c.target().yamlKey(), c.value())));
    assertClean(CliRun.check(configArgs(c.target(), file)), c + " in " + c.target().yamlKey());
  }

  /**
   * The values that broke something once, or are likeliest to: every target gets each of them, whatever
   * the random cases drew (all of {@link #hostileValues()} for every target would take a minute).
   */
  static List<String> sharpestValues() {
    return List.of("", " ", "\u0000", "line1\nline2", "a".repeat(10_000), "-1", "99999999999999999999", "NaN",
        "名前🎥", "/nonexistent/dir/file", "/", "PT-1S", "999999999d", ",,", "http://", "host:8080");
  }

  @Example
  void everyTargetMeetsTheSharpestValues() {
    for (Target t : targets()) {
      for (String v : sharpestValues()) {
        Case c = new Case(t, v, v.hashCode() % 2 == 0);
        assertClean(CliRun.check(args(c)), c.toString());
      }
    }
  }

  /** YAML values of the wrong shape or type (lists, mappings, YAML's own numbers) for every key. */
  @Example
  void everyConfigKeyMeetsValuesOfTheWrongShape() throws IOException {
    List<String> shapes = List.of("[1, 2]", "{a: 1}", "~", ".nan", "1e400", "!!binary AAAA", "\"new\\nline\"",
        "|\n  two\n  lines", "- x\n- y", "0x1F");
    for (Target t : targets()) {
      if (t.yamlKey() == null) {
        continue;
      }
      for (String shape : shapes) {
        Path file = dir.resolve("shape.yaml");
        Files.writeString(file, t.yamlKey() + ": " + shape.replace("\n", "\n  ") + "\n");
        assertClean(CliRun.check(configArgs(t, file)), t.yamlKey() + ": " + shape);
      }
    }
  }

  /** Whole files that are not settings at all. */
  @Example
  void configFilesThatAreNotSettingsAreOneErrorLine() throws IOException {
    List<String> files = List.of("", "---", "[1, 2]", "just text", "\t", "a: 1\na: 2", "name: [", "{{{", "%YAML 9.9",
        "x".repeat(200) + ": 1", "? [a, b]\n: c", "name: *nothing", "\u0000\u0001\u0002");
    for (String text : files) {
      Path file = dir.resolve("whole.yaml");
      Files.writeString(file, text);
      assertClean(CliRun.check("node", "--config", file.toString(), "--ffmpeg", "/bin/sh"), show(text));
    }
    Path big = dir.resolve("big.yaml");
    Files.writeString(big, "title: " + "x".repeat(2 << 20) + "\n");
    assertClean(CliRun.check("node", "--config", big.toString(), "--ffmpeg", "/bin/sh"), "a 2 MB file");
    for (String path : List.of("", "/nonexistent.yaml", "/", dir.toString(), "/dev/null")) {
      assertClean(CliRun.check("node", "--config", path, "--ffmpeg", "/bin/sh"), "--config " + show(path));
    }
  }

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static String[] args(Case c) {
    Target t = c.target();
    Map<String, List<String>> base = baseArgs(t.command());
    base.remove(t.name());
    List<String> args = new ArrayList<>();
    args.add(t.command());
    base.forEach((name, values) -> {
      for (String v : values) {
        if (name.startsWith("-")) {
          args.add(name);
        }
        args.add(v);
      }
    });
    if (t.option()) {
      if (c.attached() || !t.takesValue()) {
        args.add(t.name() + "=" + c.value());
      } else {
        args.add(t.name());
        args.add(c.value());
      }
    } else {
      args.add(c.value());
    }
    return args.toArray(String[]::new);
  }

  private static String[] configArgs(Target t, Path file) {
    List<String> args = new ArrayList<>(List.of(t.command(), "--config", file.toString()));
    // Flags beat the file: the key under test is not also given as a flag.
    baseArgs(t.command()).forEach((name, values) -> {
      if (!ConfigKeys.of(optionNamed(t.command(), name)).equals(t.yamlKey())) {
        values.forEach(v -> {
          args.add(name);
          args.add(v);
        });
      }
    });
    return args.toArray(String[]::new);
  }

  private static OptionSpec optionNamed(String command, String name) {
    return new CommandLine(new Main()).getSubcommands().get(command).getCommandSpec().findOption(name);
  }

  /** Exit 0, or exit 2 with exactly one "error:" line; never anything that looks like a crash. */
  static void assertClean(CliRun run, String what) {
    String seen = what + " → exit " + run.exitCode() + "\nout: " + show(run.out()) + "\nerr: " + show(run.err());
    assertThat(run.exitCode()).as(seen).isIn(0, 2);
    assertThat(run.all()).as(seen).doesNotContain("internal error").doesNotContain("Exception")
        .doesNotContain("\tat ").doesNotContain("at org.").doesNotContain("at java.");
    if (run.exitCode() == 2) {
      assertThat(run.all()).as(seen).doesNotContain("Usage:");
      assertThat(run.err().lines().collect(Collectors.toList())).as(seen).hasSize(1);
      assertThat(run.err()).as(seen).startsWith("error: ");
      assertThat(run.out()).as(seen).isEmpty();
    }
  }

  static String show(String s) {
    String shown = s.length() > 120 ? s.substring(0, 120) + "…(" + s.length() + " chars)" : s;
    return shown.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t").replace("\u0000", "\\0");
  }

  /** A command that gains a required option needs a valid value in baseArgs; this names the line to add. */
  @Example
  void everyRequiredArgumentHasAValidBaseValue() {
    for (Map.Entry<String, CommandLine> sub : new CommandLine(new Main()).getSubcommands().entrySet()) {
      for (ArgSpec a : sub.getValue().getCommandSpec().args()) {
        String name = a instanceof OptionSpec ? ((OptionSpec) a).longestName() : a.paramLabel();
        if (a.required()) {
          assertThat(baseArgs(sub.getKey())).as(sub.getKey() + " requires " + name + ": give it a valid value in baseArgs")
              .containsKey(name);
        }
      }
    }
  }
}
