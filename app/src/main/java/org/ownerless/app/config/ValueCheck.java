package org.ownerless.app.config;

import org.ownerless.app.UserError;
import org.ownerless.app.UserText;
import org.ownerless.app.options.Converters;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Checks a config-file value converts to its option's type before picocli converts it: picocli's
 * own failure would blame a flag the user never typed, this one names the file and the key.
 */
final class ValueCheck {
  private ValueCheck() {}

  static void check(OptionSpec option, String value, String where) {
    Class<?> type = option.type();
    try {
      if (option.converters() != null && option.converters().length > 0) {
        option.converters()[0].convert(value);
      } else if (Converters.of(type) != null) {
        Converters.of(type).convert(value); // what the same flag on the command line would accept
      } else if (type == boolean.class || type == Boolean.class) {
        if (!value.strip().equalsIgnoreCase("true") && !value.strip().equalsIgnoreCase("false")) {
          throw new IllegalArgumentException();
        }
      }
    } catch (CommandLine.TypeConversionException e) {
      throw new UserError(where + ": " + e.getMessage());
    } catch (Exception e) {
      throw new UserError(where + ": " + UserText.quote(value) + " is not " + expected(type));
    }
  }

  private static String expected(Class<?> type) {
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    return "a " + type.getSimpleName();
  }
}
