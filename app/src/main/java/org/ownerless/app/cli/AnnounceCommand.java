package org.ownerless.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ownerless.app.Checked;
import org.ownerless.app.ExitCodes;
import org.ownerless.app.UserError;
import org.ownerless.app.UserText;
import org.ownerless.app.options.DurationParser;
import org.ownerless.app.options.HintOptions;
import org.ownerless.app.options.OutputFile;
import org.ownerless.app.options.TipOptions;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.crypto.KeyFile;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.io.AtomicFiles;
import org.ownerless.protocol.json.StrictJson;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.Names;
import org.ownerless.protocol.model.Rendition;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.model.StreamStatus;
import org.ownerless.protocol.model.TipTargets;
import org.ownerless.protocol.signing.SignedObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "announce",
    mixinStandardHelpOptions = true,
    description = {
        "Writes a signed STREAM_ANNOUNCE: what the stream is, where to find it, where to tip.",
        "Viewers accept it only if it verifies under your key, has not expired, and is not older than one they "
            + "already saw (its seq defaults to the issue time in milliseconds, so a later announce always "
            + "supersedes an earlier one)."})
public final class AnnounceCommand implements Callable<Integer>, Checked {
  @Spec CommandSpec spec;

  @Option(names = "--key", required = true, paramLabel = "FILE", description = "Secret key file from keygen.")
  Path key;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "Stream name (letters, digits, _ -).")
  String name;

  @Option(names = "--title", paramLabel = "T", defaultValue = "", description = "Human-readable title.")
  String title;

  @Mixin HintOptions hints = new HintOptions();

  @Mixin TipOptions tip = new TipOptions();

  @Option(names = "--rendition", paramLabel = "SPEC", converter = RenditionConverter.class,
      description = "NAME:BANDWIDTH:WxH:CODECS, e.g. 720p:2800000:1280x720:avc1.64001f,mp4a.40.2 (repeatable).")
  List<Rendition> renditions = new ArrayList<>();

  @Option(names = "--status", paramLabel = "S", defaultValue = "live", description = "Stream status, live or ended (default: ${DEFAULT-VALUE}).")
  String status;

  @Option(names = "--latency", paramLabel = "MODE", defaultValue = "normal",
      description = "Low or normal: the viewers' default latency mode (default: ${DEFAULT-VALUE}).")
  String latency;

  @Option(names = "--seq", paramLabel = "N", description = "Sequence number (default: issue time in ms).")
  Long seq;

  @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "24h", converter = DurationParser.class,
      description = "How long the announce stays valid: 90s, 10m, 24h, 7d (default: ${DEFAULT-VALUE}).")
  Duration ttl;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the signed announce.")
  Path out;

  /** Reads the key and builds the announce (every flag checked), without signing or writing it. */
  @Override
  public void check() throws IOException, ProtocolException {
    announce(KeyFile.read(key), System.currentTimeMillis());
    OutputFile.check("--out", out);
  }

  @Override
  public Integer call() throws IOException, ProtocolException {
    Signer signer = KeyFile.read(key);
    long now = System.currentTimeMillis();
    StreamAnnounce announce = announce(signer, now);
    OutputFile.check("--out", out);
    SignedObject signed = announce.sign(signer);
    // Readers (an origin serving this file) see the old announce or the new one, never half of one.
    AtomicFiles.publish(out.toAbsolutePath(), signed.toCanonicalBytes());
    spec.commandLine().getErr().println("wrote " + StreamAnnounce.TYPE + " " + announce.streamId() + " seq "
        + announce.seq() + ", valid until " + Instant.ofEpochMilli(announce.expiresAtMs()) + ", to " + out);
    return ExitCodes.OK;
  }

  private StreamAnnounce announce(Signer signer, long now) {
    if (ttl.isZero()) {
      throw new UserError("--ttl must be longer than 0");
    }
    if (!Names.isStreamName(name)) {
      throw new UserError("--name " + UserText.quote(name) + " is an invalid stream name: " + Names.STREAM_RULE);
    }
    if (title.length() > StreamAnnounce.MAX_TITLE) {
      throw new UserError("--title is " + title.length() + " characters long; at most " + StreamAnnounce.MAX_TITLE);
    }
    if (seq != null && (seq < 0 || seq > StrictJson.MAX_SAFE_INTEGER)) {
      throw new UserError("--seq must be 0 to " + StrictJson.MAX_SAFE_INTEGER + ", not " + seq);
    }
    StreamStatus streamStatus;
    LatencyMode mode;
    try {
      streamStatus = StreamStatus.fromWire(status.strip().toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UserError("--status " + UserText.quote(status) + " must be live or ended");
    }
    try {
      mode = LatencyMode.fromWire(latency.strip().toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UserError("--latency " + UserText.quote(latency) + " must be low or normal");
    }
    try {
      return new StreamAnnounce(signer.publicKey(), name, title, seq != null ? seq : now, now,
          now + ttl.toMillis(), streamStatus, mode, renditions, hints.origins(), hints.trackers(), tip.targets(),
          List.of()); // a hand-signed announce claims nothing about the logs (protocol §3)
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
