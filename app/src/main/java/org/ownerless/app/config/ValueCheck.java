package org.ownerless.app.config;

import java.time.Duration;
import org.ownerless.app.UserError;
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
      } else if (type == int.class || type == Integer.class) {
        Integer.parseInt(value.trim());
      } else if (type == long.class || type == Long.class) {
        Long.parseLong(value.trim());
      } else if (type == double.class || type == Double.class) {
        Double.parseDouble(value.trim());
      } else if (type == boolean.class || type == Boolean.class) {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
          throw new IllegalArgumentException();
        }
      }
    } catch (CommandLine.TypeConversionException e) {
      throw new UserError(where + ": " + e.getMessage());
    } catch (Exception e) {
      throw new UserError(where + ": '" + value + "' is not " + expected(type));
    }
  }

  private static String expected(Class<?> type) {
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == Duration.class) {
      return "a duration";
    }
    return "a whole number";
  }
}
