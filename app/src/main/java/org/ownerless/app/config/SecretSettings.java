package org.ownerless.app.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ownerless.app.UserError;
import org.ownerless.protocol.io.OwnerOnly;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A config file that holds a secret (the publish token, the bucket's secret key) is a secret file
 * and is refused, like the creator key, when other users may read it. A file of plain settings is
 * not: it may be shared and world-readable as any other configuration.
 */
final class SecretSettings {
  /** Flags whose values are credentials: whoever reads them can publish as this node or write its bucket. */
  private static final Set<String> SECRET_FLAGS = Set.of("--publish-token", "--bucket-secret-key");

  private SecretSettings() {}

  static void check(ConfigFile file, CommandSpec command) {
    List<String> held = new ArrayList<>();
    for (OptionSpec o : command.options()) {
      String key = ConfigKeys.of(o);
      if (key != null && SECRET_FLAGS.contains(o.longestName()) && file.scalar(key) != null) {
        held.add(key);
      }
    }
    if (held.isEmpty()) {
      return;
    }
    Optional<String> mode;
    try {
      mode = OwnerOnly.exposedMode(file.path());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // it was just read: not a case a user can cause
    }
    if (mode.isPresent()) {
      throw new UserError(file.path() + ": " + OwnerOnly.reason(file.path(),
          "config file holding " + String.join(" and ", held), mode.get()));
    }
  }
}
