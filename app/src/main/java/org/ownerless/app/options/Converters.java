package org.ownerless.app.options;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import org.ownerless.app.UserText;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How every command reads numbers and paths, from a flag or from the config file alike. Surrounding
 * white space is ignored (" 1935 " is 1935: a quoted shell variable or a YAML value with a stray
 * space means the number); anything else that is not the type is one clear line, never picocli's
 * exception text (a NUL in a path would otherwise print "InvalidPathException").
 */
public final class Converters {
  private static final Map<Class<?>, ITypeConverter<?>> BY_TYPE = Map.of(
      int.class, Converters::wholeInt, Integer.class, Converters::wholeInt,
      long.class, Converters::wholeLong, Long.class, Converters::wholeLong,
      double.class, Converters::number, Double.class, Converters::number,
      Path.class, Converters::path);

  private Converters() {}

  /** Makes these the converters of {@code cmd} and of every subcommand it has now. */
  public static void registerOn(CommandLine cmd) {
    BY_TYPE.forEach((type, converter) -> register(cmd, type, converter));
  }

  @SuppressWarnings("unchecked")
  private static <T> void register(CommandLine cmd, Class<T> type, ITypeConverter<?> converter) {
    cmd.registerConverter(type, (ITypeConverter<T>) converter);
  }

  /** The converter for {@code type}, or null where picocli's own is fine (strings, booleans, enums). */
  public static ITypeConverter<?> of(Class<?> type) {
    return BY_TYPE.get(type);
  }

  static int wholeInt(String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException(UserText.quote(value) + " is not a whole number"
          + (looksNumeric(value) ? " between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE : ""));
    }
  }

  static long wholeLong(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException(UserText.quote(value) + " is not a whole number"
          + (looksNumeric(value) ? " between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE : ""));
    }
  }

  /** A finite decimal number: NaN and Infinity are not amounts of anything. */
  static double number(String value) {
    String s = value.strip();
    if (!s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
      throw new TypeConversionException(UserText.quote(value) + " is not a number (e.g. 1 or 0.5)");
    }
    double d = Double.parseDouble(s);
    if (!Double.isFinite(d)) {
      throw new TypeConversionException(UserText.quote(value) + " is too large");
    }
    return d;
  }

  /** A path as typed; an empty one (which would mean the current directory) is refused. */
  static Path path(String value) {
    if (value.isBlank()) {
      throw new TypeConversionException("a path cannot be empty");
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new TypeConversionException(UserText.quote(value) + " is not a usable path (" + e.getReason() + ")");
    }
  }

  private static boolean looksNumeric(String value) {
    return value.strip().matches("[-+]?\\d+");
  }
}
