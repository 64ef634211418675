package org.ownerless.app;

import java.io.PrintWriter;
import org.ownerless.app.cli.AnnounceCommand;
import org.ownerless.app.cli.DemoCommand;
import org.ownerless.app.cli.KeygenCommand;
import org.ownerless.app.cli.NodeCommand;
import org.ownerless.app.cli.RelayCommand;
import org.ownerless.app.cli.TrackerCommand;
import org.ownerless.app.cli.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the ownerless jar; the ./ownerless launcher runs it. */
@Command(
    name = "ownerless",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Ownerless peer-to-peer live streaming: signed HLS that viewers verify byte for byte.",
    subcommands = {KeygenCommand.class, AnnounceCommand.class, VerifyCommand.class, NodeCommand.class, TrackerCommand.class,
        RelayCommand.class, DemoCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 ok, 1 verification or operation failed, 2 usage or configuration error."})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs one command line and returns its exit code; tests call this directly. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(new Main());
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExecutionExceptionHandler(new ErrorReporter());
    int code = cmd.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public void run() {
    // "ownerless" with no command: show what it can do rather than fail silently.
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"ownerless " + (v == null ? "dev" : v) + " (protocol v"
          + org.ownerless.protocol.ProtocolVersion.CURRENT + ")"};
    }
  }
}
