package org.ownerless.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real `./ownerless` launcher on a machine without ffmpeg, simulated by running it under
 * `env -i` with a PATH of symlinks to every system executable except ffmpeg and ffprobe (and mvn).
 * The launcher is a copy in an empty directory, so it has no jar and would build one at once: without
 * mvn on PATH that would print "'mvn' is required", which is how each test tells whether the launcher
 * got past its ffmpeg check to the build.
 */
@Tag("e2e") // runs bash, setpriv and, as root, the real apt-get against the Debian mirrors
class LauncherFirstRunTest {
  private static final String BUILD_REACHED = "'mvn' is required";
  private static final Set<String> HIDDEN = Set.of("ffmpeg", "ffprobe", "ffplay", "mvn");

  @TempDir Path dir;
  private Path launcher;
  private Path bin;

  @BeforeEach
  void copyLauncherAndPath() throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // for `nobody`
    Path repo = Path.of(System.getProperty("user.dir")).getParent();
    Path root = Files.createDirectory(dir.resolve("fresh-clone"));
    launcher = Files.copy(repo.resolve("ownerless"), root.resolve("ownerless"));
    bin = Files.createDirectory(dir.resolve("bin"));
    for (String entry : System.getenv("PATH").split(":")) {
      Path d = Path.of(entry);
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> files = Files.list(d)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          String name = f.getFileName().toString();
          if (!HIDDEN.contains(name) && Files.isExecutable(f) && !Files.exists(bin.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(bin.resolve(name), f.toAbsolutePath());
          }
        }
      }
    }
    assertThat(bin.resolve("ffmpeg")).doesNotExist();
    assertThat(bin.resolve("java")).exists();
  }

  @Test
  void anUnprivilegedUserWithoutFfmpegIsToldTheExactInstallCommandInSecondsBeforeAnyBuild() throws Exception {
    assumeTrue(Files.isExecutable(bin.resolve("apt-get")), "a Debian-like machine");
    Run run = runAsNobody("demo", "--no-browser");

    assertThat(run.exit).as(run.err).isEqualTo(2);
    assertThat(run.err).contains("install it with: sudo apt-get install -y ffmpeg").doesNotContain(BUILD_REACHED)
        .doesNotContain("building").doesNotContain("Exception");
    assertThat(run.took).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void theNodeCommandNeedsFfmpegTooButNotWhenTheUserNamesOneWithTheFfmpegFlag() throws Exception {
    Run node = runAsNobody("node", "--name", "show");
    assertThat(node.exit).as(node.err).isEqualTo(2);
    assertThat(node.err).contains("'node' needs ffmpeg").doesNotContain(BUILD_REACHED);

    for (List<String> args : List.of(List.of("node", "--ffmpeg", "/opt/ffmpeg/bin/ffmpeg"),
        List.of("node", "--ffmpeg=/opt/ffmpeg/bin/ffmpeg"), List.of("demo", "--help"), List.of("keygen", "--out", "k"))) {
      Run run = runAsNobody(args.toArray(String[]::new));
      assertThat(run.err).as("%s", args).contains(BUILD_REACHED).doesNotContain("needs ffmpeg");
    }
  }

  @Test
  void aConfigFileThatNamesFfmpegCountsLikeTheFlag() throws Exception {
    Path named = dir.resolve("named.yaml");
    Files.writeString(named, "name: show\nffmpeg: /opt/ffmpeg/bin/ffmpeg\n");
    Path unnamed = dir.resolve("unnamed.yaml");
    Files.writeString(unnamed, "name: show\n# ffmpeg: not set\n");

    assertThat(runAsNobody("node", "--config", named.toString()).err).contains(BUILD_REACHED);
    assertThat(runAsNobody("node", "--config=" + unnamed).err).contains("needs ffmpeg").doesNotContain(BUILD_REACHED);
  }

  @Test
  void withoutAptGetTheUserIsPointedAtTheirPackageManagerOrTheFfmpegFlag() throws Exception {
    Files.deleteIfExists(bin.resolve("apt-get"));
    Run run = runAsNobody("demo");

    assertThat(run.exit).as(run.err).isEqualTo(2);
    assertThat(run.err).contains("package manager").contains("--ffmpeg PATH").doesNotContain("apt-get")
        .doesNotContain(BUILD_REACHED);
  }

  /**
   * As root the launcher really runs `apt-get update` and `apt-get install -y ffmpeg` against the
   * Debian mirrors. ffmpeg is installed on this machine, so the install is a quick no-op, and it lands
   * in /usr/bin, which the test's PATH leaves out: the launcher must notice that ffmpeg is still not
   * reachable and say so rather than build and fail later. A failing apt-get (no network, a broken
   * sources list, a held lock past the timeout) fails this test with apt-get's own lines in view.
   */
  @Test
  void asRootOnDebianTheLauncherRunsAptGetToInstallFfmpegAndChecksTheResultBeforeBuilding() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "runs as root (CI does)");
    assumeTrue(Files.isExecutable(bin.resolve("apt-get")), "a Debian-like machine");
    Run run = run(List.of(), "demo", "--no-browser");

    assertThat(run.err).contains("ownerless: ffmpeg is missing; installing it with apt-get")
        .doesNotContain("installing ffmpeg failed")
        .contains("apt-get installed ffmpeg, but it is still not on PATH (" + bin + ")")
        .doesNotContain(BUILD_REACHED);
    assertThat(run.exit).isEqualTo(2);
  }

  /**
   * The real apt-get, pointed by APT_CONFIG at an apt root of its own with no package sources (as on
   * a machine whose mirrors cannot be reached): every list, cache and lock stays in that directory,
   * so the machine's own apt state is untouched. `apt-get install` then fails for real.
   */
  @Test
  void asRootAFailedAptGetInstallStopsTheLauncherWithAptGetsOwnReasonAndNoBuild() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "runs as root (CI does)");
    assumeTrue(Files.isExecutable(bin.resolve("apt-get")), "a Debian-like machine");
    Path aptRoot = dir.resolve("apt-root");
    for (String d : List.of("etc/apt/sources.list.d", "etc/apt/apt.conf.d", "etc/apt/preferences.d",
        "var/lib/apt/lists/partial", "var/cache/apt/archives/partial", "var/lib/dpkg", "var/log/apt")) {
      Files.createDirectories(aptRoot.resolve(d));
    }
    Files.writeString(aptRoot.resolve("etc/apt/sources.list"), "");
    Files.writeString(aptRoot.resolve("var/lib/dpkg/status"), "");
    Path config = Files.writeString(dir.resolve("apt.conf"),
        "Dir \"" + aptRoot + "/\";\nDir::State::status \"" + aptRoot + "/var/lib/dpkg/status\";\n");

    Run run = run(List.of(), List.of("APT_CONFIG=" + config), "demo", "--no-browser");

    assertThat(run.exit).as(run.err).isEqualTo(2);
    assertThat(run.err).contains("ownerless: ffmpeg is missing; installing it with apt-get")
        .contains("apt-get: E: Unable to locate package ffmpeg").contains("installing ffmpeg failed")
        .doesNotContain(BUILD_REACHED).doesNotContain("Exception");
  }

  private Run runAsNobody(String... args) throws Exception {
    return run(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"), List.of(), args);
  }

  private Run run(List<String> prefix, String... args) throws Exception {
    return run(prefix, List.of(), args);
  }

  /** The launcher under `env -i`: only PATH (the symlinks), HOME, LANG and {@code env} reach it. */
  private Run run(List<String> prefix, List<String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(List.of("env", "-i", "PATH=" + bin, "HOME=" + dir, "LANG=C.UTF-8"));
    cmd.addAll(env);
    cmd.add(launcher.toString());
    cmd.addAll(List.of(args));
    Path err = dir.resolve("stderr.txt");
    long start = System.nanoTime();
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(err.toFile()).start();
    // apt-get may wait for the dpkg lock held by another install on this shared machine.
    if (!p.waitFor(6, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("launcher did not exit: " + Files.readString(err));
    }
    return new Run(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - start));
  }

  private record Run(int exit, String err, Duration took) {}
}
