package org.ownerless.app;

import java.io.Console;

/** Whether a person is watching the output, rather than a log collector (journald, docker, CI). */
public final class Terminal {
  private Terminal() {}

  /**
   * True when the JVM runs on an interactive terminal. On Java 17 {@link System#console()} is null
   * whenever stdin or stdout is redirected, which is exactly when output may end up stored; from Java
   * 22 a console may exist without a terminal, and {@code Console.isTerminal()} tells them apart.
   */
  public static boolean isInteractive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // Java 17-21: a console is a terminal
    } catch (ReflectiveOperationException e) {
      return false; // unsure: do not show a secret
    }
  }
}
