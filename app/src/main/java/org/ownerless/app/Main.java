package org.ownerless.app;

import java.io.PrintWriter;
import org.ownerless.app.cli.AnnounceCommand;
import org.ownerless.app.cli.DemoCommand;
import org.ownerless.app.cli.KeygenCommand;
import org.ownerless.app.cli.NodeCommand;
import org.ownerless.app.cli.RelayCommand;
import org.ownerless.app.cli.TrackerCommand;
import org.ownerless.app.cli.VerifyCommand;
import org.ownerless.app.options.Converters;
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
    return execute(commandLine(out, err), args, out, err);
  }

  /**
   * Parses one command line and runs only the command's {@link Checked#check()}: the same parsing, the
   * same messages and exit codes as {@link #run}, but nothing is written, bound or started (exit 0
   * means the command would start with these inputs). Help and version requests are answered as usual.
   */
  public static int check(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cmd = commandLine(out, err);
    cmd.setExecutionStrategy(Main::checkOnly);
    return execute(cmd, args, out, err);
  }

  private static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(new Main());
    cmd.setOut(out);
    cmd.setErr(err);
    Converters.registerOn(cmd);
    cmd.setParameterExceptionHandler(new UsageErrors());
    cmd.setExecutionExceptionHandler(new ErrorReporter());
    return cmd;
  }

  private static int execute(CommandLine cmd, String[] args, PrintWriter out, PrintWriter err) {
    int code = cmd.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static int checkOnly(CommandLine.ParseResult parsed) {
    Integer help = CommandLine.executeHelpRequest(parsed);
    if (help != null) {
      return help;
    }
    CommandLine.ParseResult last = parsed;
    while (last.subcommand() != null) {
      last = last.subcommand();
    }
    Object command = last.commandSpec().userObject();
    try {
      if (command instanceof Checked) {
        ((Checked) command).check();
      } else if (command instanceof Main) {
        ((Main) command).run();
      }
      return ExitCodes.OK;
    } catch (CommandLine.ParameterException e) {
      throw e;
    } catch (Exception e) {
      throw new CommandLine.ExecutionException(last.commandSpec().commandLine(), "check failed", e);
    }
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
