package org.ownerless.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.protocol.fixtures.Fixtures;
import picocli.CommandLine;

/**
 * One named regression for each input CliFlagPropertyTest found mishandled (issue 13): each is refused
 * with one clear error line and exit 2 before anything starts, or read the way a user meant it.
 */
class UserInputTest {
  /** A creator key that parses (all-zero bytes would be a small-order point, refused as a key). */
  private static final String VALID_KEY = Fixtures.CREATOR.publicKey().toBase64Url();

  @TempDir Path dir;

  private CliRun node(String... args) {
    List<String> all = new ArrayList<>(List.of("node", "--data", dir.toString(), "--ffmpeg", "/bin/sh"));
    all.addAll(List.of(args));
    return CliRun.check(all.toArray(String[]::new));
  }

  private static void refused(CliRun run, String message) {
    assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: ").contains(message).doesNotContain("Exception");
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aBadFlagValueIsOneErrorLineWithTheHelpHintNotTheWholeUsage() {
    CliRun run = CliRun.of("tracker", "--port", "abc");
    refused(run, "'abc' is not a whole number");
    assertThat(run.err()).endsWith("(see: ownerless tracker --help)\n").doesNotContain("Usage:");
    refused(CliRun.of("tracker", "--allow-orign", "x"), "did you mean --allow-origin"); // or --allow-info-hash
    refused(CliRun.of(), "a command is required");
  }

  @Test
  void aPathThisSystemCannotSpellIsOneLineNotAnInvalidPathException() {
    refused(CliRun.of("keygen", "--out", "a\u0000b"), "is not a usable path");
    refused(CliRun.check("node", "--data", dir.toString(), "--ffmpeg", "ff\u0000mpeg"), "--ffmpeg 'ff\\u0000mpeg' is not a program name or path");
    refused(CliRun.of("keygen", "--out", ""), "a path cannot be empty");
  }

  @Test
  void aValueWithANewlineOrTenThousandCharactersStaysOneShortLine() {
    refused(node("--name", "a\nb"), "--name 'a\\nb' is an invalid stream name");
    CliRun huge = node("--name", "x".repeat(10_000));
    refused(huge, "(10000 characters)");
    assertThat(huge.err().length()).isLessThan(500);
  }

  @Test
  void numbersAndWordsWithStraySpacesOrCapitalsAreReadAsMeant() throws Exception {
    assertThat(node("--http-port", " 9090 ", "--latency", "LOW", "--segment-seconds", " 2 ").exitCode()).isZero();
    Path config = dir.resolve("node.yaml");
    Files.writeString(config, "httpPort: ' 9090 '\nrtmpPort: \"1936 \"\n");
    assertThat(node("--config", config.toString()).exitCode()).isZero();
  }

  @Test
  void segmentSecondsMustBeAFiniteLengthTheTranscoderTakes() {
    refused(node("--segment-seconds", "NaN"), "'NaN' is not a number");
    refused(node("--segment-seconds", "1e400"), "'1e400' is too large");
    refused(node("--segment-seconds", "100"), "--segment-seconds must be between 0.5 and 30, not 100");
  }

  @Test
  void durationsAreNeverNegativeNorTooLongToCount() {
    refused(CliRun.check("verify", "http://h/streams/" + VALID_KEY + "/s/", "--watch", "--duration", "999999999d"),
        "longer than 3650d");
    refused(CliRun.check("tracker", "--peer-ttl", "PT-1S"), "is negative");
    refused(node("--end-after", "0s"), "--end-after must be a positive duration");
    assertThat(node("--end-after", " 2 m").exitCode()).isZero();
  }

  @Test
  void windowRetentionTitleAndHintsThatWouldFailAtStartAreRefusedBeforeIt() {
    refused(node("--retention", "5"), "--retention must be 0 (keep the whole recording) or at least the 15");
    refused(node("--retention", "-1"), "--retention must be 0");
    refused(node("--playlist-window", "0"), "--playlist-window must be 3 to 1000");
    refused(node("--title", "t".repeat(201)), "--title is 201 characters long; at most 200");
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      many.addAll(List.of("--origin", "https://o" + i + ".example/"));
    }
    refused(node(many.toArray(String[]::new)), "at most 15 --origin values");
    refused(node("--public-url", "http://h/" + "a".repeat(3000)), "is longer than 2048 characters");
  }

  @Test
  void hostDataDirectoryAndTokenAreCheckedBeforeAnythingIsCreated() throws Exception {
    refused(node("--host", "a b"), "--host 'a b' is not an address to listen on");
    Path file = Files.writeString(dir.resolve("file"), "x");
    refused(CliRun.check("node", "--data", file.toString(), "--ffmpeg", "/bin/sh"), "is a file, not a directory");
    refused(node("--publish-token", "has space 123"), "use up to 256 letters, digits and . _ ~ - only");
    refused(node("--http-port", "70000"), "--http-port: port 70000 is out of range");
    assertThat(Files.exists(dir.resolve("publish-token"))).as("a check creates nothing").isFalse();
  }

  @Test
  void aKeyOrAnnounceIsNotWrittenIntoADirectoryThatIsNotThere() {
    refused(CliRun.of("keygen", "--out", dir.resolve("no/such/creator.key").toString()), "no such directory");
    refused(CliRun.of("keygen", "--out", dir.toString()), "is a directory; name a file in it");
  }

  @Test
  void verifyTellsAUrlOfTheWrongKindFromAMissingFile() {
    refused(CliRun.check("verify", "ftp://host/streams/x/"), "is neither a file nor an http:// or https:// stream URL");
    refused(CliRun.check("verify", " "), "TARGET is empty");
  }

  @Test
  void anAllowedPageOriginIsWrittenAsBrowsersSendIt() {
    assertThat(TrackerCommand.pageOrigin("https://Watch.Example/")).isEqualTo("https://watch.example");
    assertThat(TrackerCommand.pageOrigin("http://localhost:8080")).isEqualTo("http://localhost:8080");
    refused(CliRun.check("tracker", "--allow-origin", "https://watch.example/page"), "without a path");
  }

  @Test
  void relayUrlsGetTheirSlashLikeTheNodes() {
    RelayCommand relay = new RelayCommand();
    new CommandLine(relay).parseArgs("--upstream", "http://node:8080", "--stream", VALID_KEY + "/show",
        "--public-url", "https://relay.example:8443", "--data", dir.toString());
    assertThat(relay.resolve().upstreams()).containsExactly("http://node:8080/");
    assertThat(relay.resolve().publicUrl()).isEqualTo("https://relay.example:8443/");
  }
}
