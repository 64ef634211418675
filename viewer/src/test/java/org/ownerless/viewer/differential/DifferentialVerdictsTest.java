package org.ownerless.viewer.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Java ↔ JS differential fuzzing: the same bytes (mutated genuine objects, proofs, root sequences)
 * go to the Java verifier and to the viewer's verifier under node, and every verdict must agree, so
 * a relay or {@code verify} never accepts what a browser refuses, or the other way round.
 *
 * <p>The suite runs {@value #SUITE_CASES} cases from a fixed seed; bench/differential-fuzz.sh runs
 * longer ones ({@code -Downerless.fuzz.cases=N -Downerless.fuzz.seed=S}). A disagreement fails with
 * the seed, the case's recipe and its JSON line (also in target/differential-fuzz/).
 */
class DifferentialVerdictsTest {
  private static final int SUITE_CASES = 10_000;
  /** Cases judged per node process: bounds memory; each batch is a fresh node. */
  private static final int BATCH = 20_000;

  @Test
  void javaAndTheViewerGiveTheSameVerdictOnEveryCase() throws Exception {
    int total = Integer.getInteger("ownerless.fuzz.cases", SUITE_CASES);
    long seed = Long.getLong("ownerless.fuzz.seed", 14L);
    CaseGenerator generator = new CaseGenerator(Corpus.load(), seed);
    Map<String, Map<String, Integer>> verdicts = new TreeMap<>();
    List<String> disagreements = new ArrayList<>();
    long started = System.nanoTime();
    for (int done = 0; done < total; ) {
      List<FuzzCase> batch = generator.next(Math.min(BATCH, total - done));
      List<String> js = JsVerdicts.of(batch, 600);
      for (int i = 0; i < batch.size(); i++) {
        FuzzCase c = batch.get(i);
        String java = JavaVerdicts.of(c);
        verdicts.computeIfAbsent(c.kind().name(), k -> new TreeMap<>()).merge(general(java), 1, Integer::sum);
        if (!java.equals(js.get(i))) {
          disagreements.add("case " + c.id() + " (" + c.how() + "): Java " + java + ", JS " + js.get(i) + "\n  "
              + c.toJsonLine());
        }
      }
      done += batch.size();
    }
    String report = "differential fuzz: " + total + " cases, seed " + seed + ", " + disagreements.size()
        + " disagreements, " + (System.nanoTime() - started) / 1_000_000 + " ms\nverdicts by kind: " + verdicts + "\n";
    write(report, disagreements);
    System.out.print(report);

    assertThat(disagreements).as("Java and JS verdicts differ (seed %d); first ones:%n%s", seed,
        String.join("\n", disagreements.subList(0, Math.min(5, disagreements.size())))).isEmpty();
    // The cases must reach past the parser: genuine objects and each family of refusal, in every kind.
    for (String kind : List.of("ANNOUNCE", "MANIFEST", "PROOF", "ROOTS")) {
      assertThat(verdicts.get(kind)).as(kind + " verdicts").containsKey("OK").hasSizeGreaterThanOrEqualTo(3);
    }
    assertThat(verdicts.get("MANIFEST")).containsKeys("MALFORMED", "BAD_SIGNATURE", "ROOT_MISMATCH");
    assertThat(verdicts.get("ROOTS")).containsKeys("EQUIVOCATION", "ROLLBACK", "GAP");
    assertThat(verdicts.values().stream().flatMap(m -> m.keySet().stream())).noneMatch(v -> v.startsWith("CRASH"));
  }

  /** A sequence's verdict without its position, so the tally stays small. */
  private static String general(String verdict) {
    int colon = verdict.indexOf(':');
    return colon > 0 && !verdict.startsWith("CRASH") ? verdict.substring(colon + 1) : verdict;
  }

  private static void write(String report, List<String> disagreements) throws Exception {
    Path dir = Path.of("target/differential-fuzz");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.txt"), report, StandardCharsets.UTF_8);
    Files.write(dir.resolve("disagreements.txt"), disagreements, StandardCharsets.UTF_8);
  }
}
