package org.ownerless.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.ownerless.protocol.ProtocolException;
import picocli.CommandLine;

/**
 * Turns exceptions escaping a command into one readable line and an exit code. User mistakes never
 * show a stack trace; genuine bugs show one only when OWNERLESS_DEBUG is set.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    String line = userMessage(e);
    if (line != null) {
      err.println("error: " + UserText.oneLine(line));
      err.flush();
      return ExitCodes.USAGE;
    }
    err.println("internal error: " + UserText.oneLine(String.valueOf(e)));
    if (System.getenv("OWNERLESS_DEBUG") != null) {
      e.printStackTrace(err);
    } else {
      err.println("(set OWNERLESS_DEBUG=1 for details, and please report it)");
    }
    err.flush();
    return ExitCodes.FAILED;
  }

  /** The message for errors the user can act on, or null for bugs. */
  static String userMessage(Exception e) {
    if (e instanceof UserError || e instanceof ProtocolException) {
      return e.getMessage();
    }
    if (e instanceof NoSuchFileException) {
      return "no such file: " + ((NoSuchFileException) e).getFile();
    }
    if (e instanceof AccessDeniedException) {
      AccessDeniedException a = (AccessDeniedException) e;
      return a.getReason() != null ? a.getFile() + ": " + a.getReason() : "permission denied: " + a.getFile();
    }
    if (e instanceof FileAlreadyExistsException) {
      FileAlreadyExistsException a = (FileAlreadyExistsException) e;
      return a.getFile() + " already exists" + (a.getReason() != null ? ": " + a.getReason() : "");
    }
    if (e instanceof FileSystemException) {
      FileSystemException f = (FileSystemException) e;
      return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName());
    }
    if (e instanceof IOException) {
      return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
    return null;
  }
}
