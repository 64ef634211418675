package org.ownerless.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.ownerless.app.Main;

/** One in-process run of the command line, with everything it printed. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new CliRun(code, out.toString(), err.toString());
  }

  /** The same command line through {@link Main#check}: parsed and checked, nothing started or written. */
  static CliRun check(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.check(args, new PrintWriter(out), new PrintWriter(err));
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Everything a user saw, for asserting that no stack trace leaked. */
  String all() {
    return out + err;
  }
}
