package org.ownerless.app;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * A command line picocli cannot parse (unknown option, missing or malformed value) is reported like
 * every other user mistake: one {@code error:} line, exit 2. The line ends with where to look (the
 * command's --help) and, for a misspelt option, the options it may have meant — rather than the whole
 * usage text, which would bury the one line that matters.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
  @Override
  public int handleParseException(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    StringBuilder line = new StringBuilder(UserText.oneLine(e.getMessage()));
    if (e instanceof CommandLine.UnmatchedArgumentException) {
      List<String> suggestions = ((CommandLine.UnmatchedArgumentException) e).getSuggestions();
      if (!suggestions.isEmpty()) {
        line.append("; did you mean ").append(String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))))
            .append('?');
      }
    }
    line.append(" (see: ").append(cmd.getCommandSpec().qualifiedName()).append(" --help)");
    err.println("error: " + line);
    err.flush();
    return ExitCodes.USAGE;
  }
}
