package org.ownerless.app.options;

import org.ownerless.app.UserError;

/** The one range check every port flag shares; 0 lets the system choose a free port. */
public final class Ports {
  private Ports() {}

  public static int check(int port) {
    if (port < 0 || port > 65535) {
      throw new UserError("port " + port + " is out of range");
    }
    return port;
  }

  /** As {@link #check(int)}, the message naming the flag and the range. */
  public static int check(String flag, int port) {
    if (port < 0 || port > 65535) {
      throw new UserError(flag + ": port " + port + " is out of range (1-65535, or 0 for any free port)");
    }
    return port;
  }
}
