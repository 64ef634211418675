package org.ownerless.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.ownerless.app.Main;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * `--help` reads as whole sentences. Picocli prints each element of a description array on a line of
 * its own and shows only the first element in a command list, so the rules are about elements: a
 * command's first element is its one-sentence summary; every element ends a sentence (one that does
 * not was cut at a forced line break, as "..., or a whole" / "stream at ..." was); an option's text is
 * one element, so picocli can wrap it but never break it, and a sentence too.
 */
class HelpTextTest {
  /** A sentence ends inside a text: terminal punctuation, a space, then a capital (abbreviations are avoided). */
  private static final Pattern SENTENCE_BREAK = Pattern.compile("[.!?] +[A-Z]");

  @Test
  void theCommandListShowsEachCommandsWholeOneSentenceSummary() {
    CliRun help = CliRun.of("--help");
    assertThat(help.exitCode()).isZero();
    Map<String, String> listed = commandList(help.out());
    Map<String, CommandLine> commands = new CommandLine(new Main()).getSubcommands();
    assertThat(listed.keySet()).containsExactlyElementsOf(commands.keySet());

    SoftAssertions soft = new SoftAssertions();
    listed.forEach((name, summary) -> {
      soft.assertThat(summary).as("the summary of %s in the list", name).endsWith(".");
      String first = summaryOf(commands.get(name).getCommandSpec());
      soft.assertThat(SENTENCE_BREAK.matcher(first).find()).as("%s's summary is one sentence: %s", name, first).isFalse();
      // Picocli wraps at spaces and inside URLs ("ws://HOST:" / "PORT"), so compare without white space.
      soft.assertThat(withoutSpace(summary)).as("%s's summary is its whole first paragraph", name)
          .isEqualTo(withoutSpace(first));
    });
    soft.assertAll();
  }

  @Test
  void noCommandOrOptionTextIsCutMidSentenceByALineBreak() {
    SoftAssertions soft = new SoftAssertions();
    for (CommandSpec command : everyCommand(new CommandLine(new Main()).getCommandSpec())) {
      String name = command.qualifiedName();
      String[] description = command.usageMessage().description();
      soft.assertThat(description).as("%s has a description", name).isNotEmpty();
      List<String> paragraphs = new ArrayList<>(List.of(description));
      paragraphs.addAll(List.of(command.usageMessage().footer()));
      paragraphs.addAll(List.of(command.usageMessage().header()));
      for (String paragraph : paragraphs) {
        if (!paragraph.isBlank()) {
          soft.assertThat(text(paragraph)).as("a paragraph of %s's help ends a sentence", name).matches("(?s).*[.!?]");
        }
      }
      for (ArgSpec arg : command.args()) {
        String label = arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
        soft.assertThat(arg.description()).as("%s %s: its text is one paragraph", name, label).hasSize(1);
        soft.assertThat(text(String.join(" ", arg.description()))).as("%s %s: its text ends a sentence", name, label)
            .matches("(?s).*[.!?]");
      }
    }
    soft.assertAll();
  }

  /** Name to description of each entry under "Commands:", continuation lines re-joined. */
  private static Map<String, String> commandList(String help) {
    Map<String, String> entries = new LinkedHashMap<>();
    String current = null;
    boolean inList = false;
    for (String line : help.split("\\R")) {
      if (line.equals("Commands:")) {
        inList = true;
      } else if (inList && line.isBlank()) {
        break;
      } else if (inList && line.matches("  \\S.*")) {
        String[] nameAndText = line.strip().split("\\s+", 2);
        current = nameAndText[0];
        entries.put(current, nameAndText.length > 1 ? nameAndText[1] : "");
      } else if (inList && current != null) {
        entries.put(current, entries.get(current) + " " + line.strip());
      }
    }
    return entries;
  }

  /** What picocli lists for a command: its header if it has one (its built-in help does), else its first paragraph. */
  private static String summaryOf(CommandSpec command) {
    String[] header = command.usageMessage().header();
    return text(header.length > 0 ? header[0] : command.usageMessage().description()[0]);
  }

  /** A paragraph as printed: picocli's "%n" line breaks are layout, not text. */
  private static String text(String paragraph) {
    return paragraph.replace("%n", " ").strip();
  }

  private static String withoutSpace(String text) {
    return text.replaceAll("\\s+", "");
  }

  private static List<CommandSpec> everyCommand(CommandSpec root) {
    List<CommandSpec> all = new ArrayList<>(List.of(root));
    for (CommandLine sub : root.subcommands().values()) {
      all.addAll(everyCommand(sub.getCommandSpec()));
    }
    return all;
  }
}
