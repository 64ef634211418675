package org.ownerless.app.options;

import picocli.CommandLine;

/**
 * Checks a duration flag as {@link DurationParser} does but keeps the text, for options whose
 * default --help should show as written (30s) rather than as Duration prints it (PT30S).
 */
public final class DurationText implements CommandLine.ITypeConverter<String> {
  @Override
  public String convert(String value) {
    DurationParser.parse(value);
    return value;
  }
}
