package org.ownerless.app.options;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ownerless.app.UserText;
import picocli.CommandLine;

/** Reads durations as people write them: 90s, 10m, 24h, 7d, or ISO-8601 (PT1H30M). */
public final class DurationParser implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9}) ?(ms|s|m|h|d)");
  /** Longer than any wait, timeout or validity a command has use for (and far from overflowing nanoseconds). */
  public static final Duration MAX = Duration.ofDays(3650);

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /** The shortest of the simple forms that reads back as {@code d} (30s, 10m, 24h), for help texts. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    long[] units = {86_400_000L, 3_600_000L, 60_000L, 1000L};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (ms != 0 && ms % units[i] == 0) {
        return ms / units[i] + names[i];
      }
    }
    return ms + "ms";
  }

  /**
   * The duration {@code value} names: 0 to {@link #MAX}, surrounding white space ignored; anything else,
   * a negative ISO-8601 duration included, is a {@link CommandLine.TypeConversionException} saying so.
   */
  public static Duration parse(String value) {
    Duration d = read(value.strip());
    if (d.isNegative()) {
      throw new CommandLine.TypeConversionException(UserText.quote(value) + " is negative; a duration is 0 or more");
    }
    if (d.compareTo(MAX) > 0) {
      throw new CommandLine.TypeConversionException(UserText.quote(value) + " is longer than " + format(MAX));
    }
    return d;
  }

  private static Duration read(String s) {
    Matcher m = SIMPLE.matcher(s);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms": return Duration.ofMillis(n);
        case "s": return Duration.ofSeconds(n);
        case "m": return Duration.ofMinutes(n);
        case "h": return Duration.ofHours(n);
        default: return Duration.ofDays(n);
      }
    }
    try {
      return Duration.parse(s);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new CommandLine.TypeConversionException(
          UserText.quote(s) + " is not a duration (examples: 90s, 10m, 24h, 7d, PT1H30M)");
    }
  }
}
