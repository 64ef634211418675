package org.ownerless.app.node;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.ownerless.app.Main;

/** In-process command-line runs for node tests. */
final class Cli {
  record Run(int code, String out) {}

  private Cli() {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out + err.toString());
  }
}
