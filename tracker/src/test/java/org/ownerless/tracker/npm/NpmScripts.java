package org.ownerless.tracker.npm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The test's Node.js scripts (src/test/js) installed into target/npm-client with the exact versions
 * of their lockfile. `npm ci --ignore-scripts` runs once per lockfile: the native WebRTC module it
 * leaves unbuilt is replaced by fake-webrtc.js through a module-resolution hook.
 */
public final class NpmScripts {
  private static final Path SOURCE = Path.of("src/test/js");
  private static final Path TARGET = Path.of("target/npm-client");

  private NpmScripts() {}

  /** Copies the scripts and installs their packages if the lockfile changed since the last install. */
  public static synchronized Path install() throws IOException, InterruptedException {
    Files.createDirectories(TARGET);
    try (Stream<Path> files = Files.list(SOURCE)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, TARGET.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Path stamp = TARGET.resolve("node_modules/.ownerless-lock");
    byte[] lock = Files.readAllBytes(TARGET.resolve("package-lock.json"));
    if (!Files.exists(stamp) || !java.util.Arrays.equals(Files.readAllBytes(stamp), lock)) {
      Result r = run(TARGET, 180, "npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund");
      if (r.exit != 0) {
        throw new IOException("npm ci failed (exit " + r.exit + "):\n" + r.output);
      }
      Files.write(stamp, lock);
    }
    return TARGET;
  }

  /** Runs {@code node --import ./substitute-webrtc.mjs SCRIPT ARGS...} in the installed directory. */
  public static Result node(int timeoutSeconds, String script, String... args)
      throws IOException, InterruptedException {
    Path dir = install();
    List<String> cmd = new ArrayList<>(List.of("node", "--import", "./substitute-webrtc.mjs", script));
    cmd.addAll(List.of(args));
    return run(dir, timeoutSeconds, cmd.toArray(String[]::new));
  }

  public record Result(int exit, String output) {
    /** The last line the script printed: its JSON result. */
    public String lastLine() {
      String[] lines = output.strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  private static Result run(Path dir, int timeoutSeconds, String... cmd) throws IOException, InterruptedException {
    Path log = Files.createTempFile("npm-client", ".log");
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor();
        return new Result(-1, "timed out after " + timeoutSeconds + " s:\n" + Files.readString(log));
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
