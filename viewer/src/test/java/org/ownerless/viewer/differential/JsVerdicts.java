package org.ownerless.viewer.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ownerless.protocol.json.StrictJson;

/**
 * The viewer's verdicts, from the viewer's own trust code under node (viewer/tools/verdicts.mjs): the
 * cases go in as JSON lines on stdin and the verdicts come back in the same order.
 */
final class JsVerdicts {
  private JsVerdicts() {}

  static List<String> of(List<FuzzCase> cases, long deadlineSeconds) throws Exception {
    Process node = new ProcessBuilder("node", script().toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    // A hung node must not hang the build: past the deadline it is killed and the read below ends.
    CompletableFuture.runAsync(node::destroyForcibly, CompletableFuture.delayedExecutor(deadlineSeconds, TimeUnit.SECONDS));
    // Written on its own thread: node answers while it reads, and both pipes are bounded.
    CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
      try (BufferedWriter in = new BufferedWriter(new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8))) {
        for (FuzzCase c : cases) {
          in.write(c.toJsonLine());
          in.write('\n');
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    List<String> verdicts = new ArrayList<>(cases.size());
    try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        JsonNode answer = StrictJson.mapper().readTree(line);
        FuzzCase asked = cases.get(verdicts.size());
        if (answer.path("id").asInt(-1) != asked.id()) {
          throw new IllegalStateException("verdicts.mjs answered case " + answer.path("id") + " where " + asked.id()
              + " was due");
        }
        verdicts.add(answer.path("verdict").asText());
      }
    }
    node.waitFor(deadlineSeconds, TimeUnit.SECONDS);
    writing.get(10, TimeUnit.SECONDS);
    if (node.exitValue() != 0 || verdicts.size() != cases.size()) {
      throw new IllegalStateException("verdicts.mjs exited " + node.exitValue() + " after " + verdicts.size() + " of "
          + cases.size() + " verdicts");
    }
    return verdicts;
  }

  /** viewer/tools/verdicts.mjs, from the viewer module (surefire's working directory) or the repository root. */
  private static Path script() {
    for (Path p : List.of(Path.of("tools/verdicts.mjs"), Path.of("viewer/tools/verdicts.mjs"))) {
      if (Files.isRegularFile(p)) {
        return p.toAbsolutePath();
      }
    }
    throw new IllegalStateException("viewer/tools/verdicts.mjs not found from " + Path.of("").toAbsolutePath());
  }
}
