package org.ownerless.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.ownerless.app.Checked;
import org.ownerless.app.ExitCodes;
import org.ownerless.app.UserError;
import org.ownerless.app.UserText;
import org.ownerless.app.options.DurationParser;
import org.ownerless.net.LogText;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.crypto.PublicKey;
import org.ownerless.protocol.json.StrictJson;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.signing.SignedObject;
import org.ownerless.protocol.verify.EquivocationProof;
import org.ownerless.protocol.verify.Problem;
import org.ownerless.protocol.verify.Signed;
import org.ownerless.protocol.verify.VerificationException;
import org.ownerless.protocol.verify.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
        "Verifies a signed file (STREAM_ANNOUNCE, MANIFEST_ROOT or EQUIVOCATION_PROOF) or a whole live stream.",
        "For a stream at http(s)://HOST/streams/PUB/NAME/ it checks the announce against PUB, each rendition's "
            + "newest manifest, every playlist entry against its signed entry, and the bytes of every segment in "
            + "the signed window (an ended stream's playlist must list all of it).",
        "Prints what was verified, or one line per failure; exits 1 if anything fails.",
        "For files without --pubkey the key the object names is used, and the output says it was not pinned."})
public final class VerifyCommand implements Callable<Integer>, Checked {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TARGET", description = "Announce or manifest file, or a stream URL.")
  String target;

  @Option(names = "--watch", description = "Keep following the live edge, checking that each new root extends "
      + "the last, until the stream ends (or --duration passes).")
  boolean watch;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationParser.class,
      description = "With --watch: time between passes (default: ${DEFAULT-VALUE}).")
  java.time.Duration interval;

  @Option(names = "--duration", paramLabel = "DURATION", converter = DurationParser.class,
      description = "With --watch: stop after this long even if the stream goes on.")
  java.time.Duration duration;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationParser.class,
      description = "Time limit per HTTP request (default: ${DEFAULT-VALUE}).")
  java.time.Duration timeout;

  @Option(names = "--pubkey", paramLabel = "KEY", converter = PublicKeyConverter.class,
      description = "The creator key the object must be signed by (43 base64url characters).")
  PublicKey pubkey;

  /** The target parsed (a URL) or read (a file) and every flag checked; nothing is fetched or verified. */
  @Override
  public void check() {
    if (isUrl()) {
      urlVerification();
    } else {
      fileBytes();
    }
  }

  @Override
  public Integer call() {
    if (isUrl()) {
      return urlVerification().run();
    }
    byte[] bytes = fileBytes();
    PrintWriter out = spec.commandLine().getOut();
    String type;
    try {
      type = SignedObject.typeOf(bytes);
    } catch (ProtocolException e) {
      throw new UserError(target + ": " + e.getMessage());
    }
    try {
      switch (type) {
        case StreamAnnounce.TYPE:
          out.println(describe(Verifier.verifyAnnounce(bytes, pubkey, System.currentTimeMillis())));
          return ExitCodes.OK;
        case ManifestRoot.TYPE:
          out.println(describe(Verifier.verifyManifest(bytes, pubkey)));
          return ExitCodes.OK;
        case EquivocationProof.TYPE:
          EquivocationProof proof = EquivocationProof.verify(bytes, pubkey);
          out.println("OK equivocation proof: " + proof.describe() + " (" + pinning() + ")");
          return ExitCodes.OK;
        default:
          throw new UserError(target + ": unknown object type '" + type + "'");
      }
    } catch (VerificationException e) {
      out.println("FAIL " + LogText.inline(target + ": " + e));
      return ExitCodes.FAILED;
    }
  }

  private boolean isUrl() {
    String t = target.strip().toLowerCase(java.util.Locale.ROOT);
    return t.startsWith("http://") || t.startsWith("https://");
  }

  private UrlVerification urlVerification() {
    return new UrlVerification(target.strip(), pubkey, watch, interval, duration, timeout, spec.commandLine().getOut());
  }

  private byte[] fileBytes() {
    if (watch) {
      throw new UserError("--watch needs a stream URL");
    }
    if (target.isBlank()) {
      throw new UserError("TARGET is empty: name an announce or manifest file, or a stream URL");
    }
    if (target.contains("://")) {
      throw new UserError("TARGET " + UserText.quote(target) + " is neither a file nor an http:// or https:// stream URL");
    }
    Path file;
    try {
      file = Path.of(target);
    } catch (java.nio.file.InvalidPathException e) {
      throw new UserError("TARGET " + UserText.quote(target) + " is not a usable path (" + e.getReason() + ")");
    }
    return InputFiles.read(file, StrictJson.MAX_BYTES);
  }

  private String pinning() {
    return pubkey != null ? "pinned key" : "self-declared key; pass --pubkey to pin it";
  }

  private String describe(Signed<?> signed) {
    Object content = signed.content();
    if (content instanceof StreamAnnounce) {
      StreamAnnounce a = (StreamAnnounce) content;
      return "OK " + StreamAnnounce.TYPE + " " + a.streamId() + " seq " + a.seq() + " (" + a.status().wire()
          + ", " + a.renditions().size() + " renditions, valid until " + Instant.ofEpochMilli(a.expiresAtMs())
          + "), signed by " + a.creator() + " (" + pinning() + ")";
    }
    ManifestRoot m = (ManifestRoot) content;
    return "OK " + ManifestRoot.TYPE + " " + m.streamId() + "/" + m.rendition() + " epoch " + m.epoch()
        + " size " + m.treeSize() + " root " + m.rootHash() + " (" + m.window().size()
        + " entries listed), signed by " + m.creator() + " (" + pinning() + ")";
  }
}
