package org.ownerless.app.demo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ownerless.app.UserText;
import picocli.CommandLine;

/**
 * The demo source's picture size, {@code WIDTHxHEIGHT}: benchmarks measure the pipeline with a bigger or
 * smaller picture than the default. Even numbers only (the encoder's 4:2:0 chroma halves both), from
 * 128x72 (the clock stripe still needs a few pixels per block) to 3840x2160.
 */
public record SourceSize(int width, int height) {
  public static final SourceSize DEFAULT = new SourceSize(854, 480);
  private static final Pattern FORM = Pattern.compile("(\\d{1,4})x(\\d{1,4})");

  /** Reads {@code --source-size}; a wrong value is one clear line. */
  public static final class Converter implements CommandLine.ITypeConverter<SourceSize> {
    @Override
    public SourceSize convert(String value) {
      Matcher m = FORM.matcher(value.strip());
      if (!m.matches()) {
        throw new CommandLine.TypeConversionException(UserText.quote(value) + " is not WIDTHxHEIGHT (e.g. 854x480)");
      }
      int w = Integer.parseInt(m.group(1));
      int h = Integer.parseInt(m.group(2));
      if (w < 128 || h < 72 || w > 3840 || h > 2160 || w % 2 != 0 || h % 2 != 0) {
        throw new CommandLine.TypeConversionException(UserText.quote(value)
            + " is out of range: even numbers from 128x72 to 3840x2160");
      }
      return new SourceSize(w, h);
    }
  }

  /** As ffmpeg and people write it. */
  @Override
  public String toString() {
    return width + "x" + height;
  }
}
