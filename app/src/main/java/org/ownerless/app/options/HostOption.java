package org.ownerless.app.options;

import java.util.regex.Pattern;
import org.ownerless.app.UserError;
import org.ownerless.app.UserText;
import picocli.CommandLine.Option;

/** `--host`: the address a server listens on. Each command passes its own default. */
public final class HostOption {
  /** An IPv4 or IPv6 literal (brackets optional) or a host name: what a socket can be bound to. */
  private static final Pattern ADDRESS =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})|\\[?[0-9A-Fa-f:.]{2,45}(%[A-Za-z0-9]{1,16})?]?");

  @Option(names = "--host", paramLabel = "ADDR", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  public HostOption(String defaultHost) {
    this.host = defaultHost;
  }

  /** The address, checked to be one (surrounding white space dropped). */
  public String value() {
    return check(host);
  }

  /** {@code host} stripped, or a {@link UserError} when it cannot be an address to listen on. */
  public static String check(String host) {
    return check("--host", host);
  }

  /** As {@link #check(String)}, the message naming {@code flag}. */
  public static String check(String flag, String host) {
    String h = host.strip();
    if (!ADDRESS.matcher(h).matches()) {
      throw new UserError(flag + " " + UserText.quote(host)
          + " is not an address to listen on (an IP address or host name, e.g. 0.0.0.0 or 127.0.0.1)");
    }
    return h;
  }
}
