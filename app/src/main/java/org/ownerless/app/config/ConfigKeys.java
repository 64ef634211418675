package org.ownerless.app.config;

import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Which YAML key sets which option: the long option name in camelCase (--http-port → httpPort).
 * Deriving it, rather than listing keys, is what keeps the file and the flags from drifting apart.
 */
public final class ConfigKeys {
  /** Repeatable flags name one value; in a file the key holds the list, so it reads as a plural. */
  private static final Map<String, String> PLURALS = Map.of("--origin", "origins", "--tracker", "trackers");
  /**
   * Not settable from a file: --config itself, and --new-epoch, which in a file would start a fresh
   * log on every restart instead of once.
   */
  private static final Set<String> COMMAND_LINE_ONLY = Set.of("--config", "--new-epoch");

  private ConfigKeys() {}

  /** The option's YAML key, or null when it cannot be set from the config file. */
  public static String of(OptionSpec option) {
    String longName = option.longestName();
    if (option.usageHelp() || option.versionHelp() || COMMAND_LINE_ONLY.contains(longName)) {
      return null;
    }
    String plural = PLURALS.get(longName);
    if (plural != null) {
      return plural;
    }
    StringBuilder key = new StringBuilder();
    boolean upper = false;
    for (char c : longName.replaceFirst("^-+", "").toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        key.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return key.toString();
  }
}
