package org.ownerless.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.protocol.fixtures.Fixtures;

/** The CLI flows of the protocol issue, end to end through picocli and the real files. */
class KeygenAnnounceVerifyTest {
  @TempDir Path dir;

  private Path key() {
    return dir.resolve("creator.key");
  }

  private String keygen() {
    CliRun run = CliRun.of("keygen", "--out", key().toString());
    assertThat(run.exitCode()).as(run.all()).isZero();
    return run.out().trim();
  }

  private Path announce(String... extra) {
    Path out = dir.resolve("announce.json");
    String[] base = {"announce", "--key", key().toString(), "--name", "show", "--title", "Late show",
        "--origin", "https://origin.example/", "--tracker", "wss://tracker.example/announce",
        "--lightning", "tips@example.com", "--evm", "0x52908400098527886E0F7030069857D2E4169EE7", "--chain-id", "10",
        "--rendition", "720p:2800000:1280x720:avc1.64001f,mp4a.40.2", "--ttl", "2h", "--out", out.toString()};
    String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
        .toArray(String[]::new);
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).as(run.all()).isZero();
    return out;
  }

  @Test
  void keygenThenAnnounceThenVerifySucceeds() throws Exception {
    String pub = keygen();
    assertThat(pub).matches("[A-Za-z0-9_-]{43}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key()))).isEqualTo("rw-------");

    Path announce = announce();
    CliRun verify = CliRun.of("verify", announce.toString(), "--pubkey", pub);
    assertThat(verify.exitCode()).as(verify.all()).isZero();
    assertThat(verify.out()).contains("OK STREAM_ANNOUNCE " + pub + "/show").contains("pinned key");
  }

  @Test
  void aChangedByteMakesVerifyExit1WithAClearMessage() throws Exception {
    keygen();
    Path announce = announce();
    String text = Files.readString(announce);
    Files.writeString(announce, text.replace("Late show", "Late shew"));

    CliRun verify = CliRun.of("verify", announce.toString());
    assertThat(verify.exitCode()).isEqualTo(1);
    assertThat(verify.out()).contains("FAIL").contains("BAD_SIGNATURE").contains("signature does not verify");
    assertThat(verify.all()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void anAnnounceByAnotherKeyFailsWhenTheKeyIsPinned() throws Exception {
    keygen();
    Path announce = announce();
    CliRun verify = CliRun.of("verify", announce.toString(), "--pubkey", Fixtures.OTHER.publicKey().toBase64Url());
    assertThat(verify.exitCode()).isEqualTo(1);
    assertThat(verify.out()).contains("WRONG_KEY");
  }

  @Test
  void keygenRefusesToOverwriteWithoutForce() throws Exception {
    String first = keygen();
    CliRun again = CliRun.of("keygen", "--out", key().toString());
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("already exists").contains("--force");
    CliRun forced = CliRun.of("keygen", "--out", key().toString(), "--force");
    assertThat(forced.exitCode()).isZero();
    assertThat(forced.out().trim()).isNotEqualTo(first);
  }

  @Test
  void aBadKeyFileIsAUsageErrorWithoutAStackTrace() throws Exception {
    Files.writeString(key(), "{\"type\":\"OWNERLESS_SECRET_KEY\",\"v\":1,\"algorithm\":\"Ed25519\",\"seed\":\"short\",\"publicKey\":\"x\"}");
    Files.setPosixFilePermissions(key(), PosixFilePermissions.fromString("rw-------"));
    CliRun run = CliRun.of("announce", "--key", key().toString(), "--name", "show", "--out", dir.resolve("a.json").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: ").contains("damaged key");
    assertThat(run.all()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void aWorldReadableKeyIsRefusedWithTheChmodFix() throws Exception {
    keygen();
    Files.setPosixFilePermissions(key(), PosixFilePermissions.fromString("rw-r--r--"));
    CliRun run = CliRun.of("announce", "--key", key().toString(), "--name", "show", "--out", dir.resolve("a.json").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("chmod 600");
  }

  @Test
  void unreadableMissingAndMalformedInputsAreUsageErrors() throws Exception {
    Path malformed = dir.resolve("malformed.json");
    Files.write(malformed, "{\"type\":\"STREAM_ANNOUNCE\",".getBytes(StandardCharsets.UTF_8));
    Path unreadable = dir.resolve("unreadable.json");
    Files.writeString(unreadable, "{}");
    Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
    boolean root = Files.isReadable(unreadable); // root reads anything; then a directory stands in

    for (String target : new String[] {malformed.toString(), dir.resolve("missing.json").toString(),
        root ? dir.toString() : unreadable.toString()}) {
      CliRun run = CliRun.of("verify", target);
      assertThat(run.exitCode()).as(target + ": " + run.all()).isEqualTo(2);
      assertThat(run.err()).startsWith("error: ");
      assertThat(run.all()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void badFlagValuesAreUsageErrorsThatSayWhatIsExpected() throws Exception {
    keygen();
    CliRun ttl = CliRun.of("announce", "--key", key().toString(), "--name", "show", "--ttl", "soon", "--out", "x.json");
    assertThat(ttl.exitCode()).isEqualTo(2);
    assertThat(ttl.err()).contains("not a duration");
    CliRun name = CliRun.of("announce", "--key", key().toString(), "--name", "../etc", "--out", dir.resolve("x.json").toString());
    assertThat(name.exitCode()).isEqualTo(2);
    assertThat(name.err()).contains("invalid stream name");
    CliRun origin = CliRun.of("announce", "--key", key().toString(), "--name", "show", "--origin", "ftp://x", "--out",
        dir.resolve("x.json").toString());
    assertThat(origin.exitCode()).isEqualTo(2);
    assertThat(origin.err()).contains("--origin 'ftp://x' must start with http:// or https://");
    CliRun slashless = CliRun.of("announce", "--key", key().toString(), "--name", "show", "--origin",
        "https://o.example", "--out", dir.resolve("y.json").toString());
    assertThat(slashless.exitCode()).as(slashless.all()).isZero();
    assertThat(Files.readString(dir.resolve("y.json"))).contains("\"https://o.example/\"");
    CliRun pub = CliRun.of("verify", "x.json", "--pubkey", "nope");
    assertThat(pub.exitCode()).isEqualTo(2);
    assertThat(pub.err()).contains("not an Ed25519 public key");
  }

  @Test
  void verifyChecksManifestFilesToo() throws Exception {
    Path manifest = dir.resolve("manifest.json");
    Files.write(manifest, Fixtures.manifest(Fixtures.CREATOR, 1, 12, 4, 8).sign(Fixtures.CREATOR).toCanonicalBytes());
    CliRun ok = CliRun.of("verify", manifest.toString(), "--pubkey", Fixtures.CREATOR.publicKey().toBase64Url());
    assertThat(ok.exitCode()).as(ok.all()).isZero();
    assertThat(ok.out()).contains("OK MANIFEST_ROOT").contains("size 12");

    CliRun foreign = CliRun.of("verify", manifest.toString(), "--pubkey", Fixtures.OTHER.publicKey().toBase64Url());
    assertThat(foreign.exitCode()).isEqualTo(1);
    assertThat(foreign.out()).contains("WRONG_KEY");
  }

  private Path proofSignedBy(org.ownerless.protocol.crypto.Signer key) throws Exception {
    org.ownerless.protocol.model.ManifestRoot a = Fixtures.manifest(key, 1, 12, 4, 0);
    java.util.List<org.ownerless.protocol.model.SegmentEntry> other = new java.util.ArrayList<>(a.window());
    var last = other.remove(other.size() - 1);
    other.add(new org.ownerless.protocol.model.SegmentEntry(last.index(), last.uri(), last.durationUs(),
        org.ownerless.protocol.crypto.Digest.sha256(new byte[] {9}), last.size(), last.discontinuity()));
    org.ownerless.protocol.model.ManifestRoot b = a.withWindow(other);
    Path proof = dir.resolve("proof.json");
    Files.writeString(proof, org.ownerless.protocol.verify.EquivocationProof.of(a.sign(key), b.sign(key)).toString());
    return proof;
  }

  @Test
  void anEquivocationProofByAnotherKeyFailsWhenTheKeyIsPinned() throws Exception {
    Path proof = proofSignedBy(Fixtures.CREATOR);
    CliRun run = CliRun.of("verify", proof.toString(), "--pubkey", Fixtures.OTHER.publicKey().toBase64Url());
    assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL").contains("WRONG_KEY").contains(Fixtures.CREATOR.publicKey().toBase64Url())
        .doesNotContain("OK");
    assertThat(run.out().strip().lines()).hasSize(1);
  }

  @Test
  void anEquivocationProofNamesItsSignerStreamAndRendition() throws Exception {
    Path proof = proofSignedBy(Fixtures.CREATOR);
    String pub = Fixtures.CREATOR.publicKey().toBase64Url();
    CliRun unpinned = CliRun.of("verify", proof.toString());
    assertThat(unpinned.exitCode()).as(unpinned.all()).isZero();
    assertThat(unpinned.out()).contains("OK equivocation proof: creator " + pub + ", stream demo, rendition src, epoch 1, "
        + "size 12: two different roots signed").contains("self-declared key");
    CliRun pinned = CliRun.of("verify", proof.toString(), "--pubkey", pub);
    assertThat(pinned.exitCode()).as(pinned.all()).isZero();
    assertThat(pinned.out()).contains("OK equivocation proof: creator " + pub).contains("pinned key");
  }

  @Test
  void everyCommandHasHelp() {
    for (String cmd : new String[] {"keygen", "announce", "verify"}) {
      CliRun run = CliRun.of(cmd, "--help");
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("Usage: ownerless " + cmd);
    }
    assertThat(CliRun.of().exitCode()).isEqualTo(2);
  }
}
