package org.ownerless.app.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.ownerless.app.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Makes the `--config` YAML file the defaults of a command's options, so precedence is picocli's
 * own: a flag on the command line, else the file's value, else the option's declared default.
 * Picocli asks after parsing, so the file named by --config is known by then.
 *
 * <p>Picocli would report a failure thrown from here as an internal error with the usage text; so a
 * problem with the file (unreadable, unknown key, a value of the wrong type) is kept, the options
 * keep their declared defaults, and the command calls {@link #config()} first, which throws it as
 * one clear {@link UserError} naming the file.
 *
 * <p>Repeatable options are not defaulted here: a file's list and the flags' values add up (the
 * file's first), which a default, replaced by any flag, could not express. The command reads them
 * with {@link ConfigFile#list}.
 */
public final class YamlDefaultProvider implements CommandLine.IDefaultValueProvider {
  public static final String OPTION = "--config";

  private Path loadedFrom;
  private ConfigFile file;
  private UserError problem;

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec) || problem != null) {
      return null;
    }
    OptionSpec option = (OptionSpec) arg;
    ConfigFile config = load(arg.command());
    String key = ConfigKeys.of(option);
    if (config == null || key == null || option.isMultiValue()) {
      return null;
    }
    try {
      String value = config.scalar(key);
      if (value != null) {
        ValueCheck.check(option, value, config.path() + ": " + key);
      }
      return value;
    } catch (UserError e) {
      problem = e;
      return null;
    }
  }

  /** The file given with --config (null without one), or its problem as a {@link UserError}. */
  public ConfigFile config() {
    if (problem != null) {
      throw problem;
    }
    return file;
  }

  private ConfigFile load(CommandSpec command) {
    OptionSpec configOption = command.findOption(OPTION);
    Path path = configOption == null ? null : configOption.getValue();
    if (path == null) {
      return null;
    }
    if (!path.equals(loadedFrom)) {
      loadedFrom = path;
      try {
        file = ConfigFile.read(path);
        rejectUnknownKeys(file, command);
        SecretSettings.check(file, command);
      } catch (UserError e) {
        problem = e;
        file = null;
      }
    }
    return file;
  }

  /** A typo in a key must not silently leave the setting at its default. */
  private static void rejectUnknownKeys(ConfigFile file, CommandSpec command) {
    Set<String> known = new HashSet<>();
    for (OptionSpec o : command.options()) {
      String key = ConfigKeys.of(o);
      if (key != null) {
        known.add(key);
      }
    }
    for (String key : file.keys()) {
      if (!known.contains(key)) {
        throw new UserError(file.path() + ": unknown setting '" + key + "'");
      }
    }
  }
}
