package org.ownerless.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.nio.file.Files;
import org.ownerless.app.Checked;
import org.ownerless.app.ExitCodes;
import org.ownerless.app.UserError;
import org.ownerless.app.options.OutputFile;
import org.ownerless.protocol.crypto.KeyFile;
import org.ownerless.protocol.crypto.Signer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
        "Creates a new Ed25519 creator identity.",
        "The key file is written readable by its owner only; the public key (your stream's PUB) is printed."})
public final class KeygenCommand implements Callable<Integer>, Checked {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the secret key.")
  Path out;

  @Option(names = "--force", description = "Replace an existing key file (its identity is lost for good).")
  boolean force;

  @Override
  public void check() {
    OutputFile.check("--out", out);
    if (!force && Files.exists(out)) {
      throw new UserError(out + " already exists; keygen never replaces an identity unless given --force");
    }
  }

  @Override
  public Integer call() throws IOException {
    check();
    Signer signer = Signer.generate();
    KeyFile.write(out, signer, force);
    spec.commandLine().getOut().println(signer.publicKey().toBase64Url());
    spec.commandLine().getErr().println("wrote secret key to " + out + " (mode 600); keep it safe and backed up");
    return ExitCodes.OK;
  }
}
