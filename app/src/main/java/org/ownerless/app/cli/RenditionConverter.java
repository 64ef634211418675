package org.ownerless.app.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ownerless.protocol.model.Rendition;
import picocli.CommandLine;

/** Parses NAME:BANDWIDTH:WIDTHxHEIGHT:CODECS, e.g. 720p:2800000:1280x720:avc1.64001f,mp4a.40.2. */
public final class RenditionConverter implements CommandLine.ITypeConverter<Rendition> {
  private static final Pattern FORM = Pattern.compile("([^:]+):(\\d{1,12}):(\\d{1,5})x(\\d{1,5}):(.*)");

  @Override
  public Rendition convert(String value) {
    Matcher m = FORM.matcher(value);
    if (!m.matches()) {
      throw new CommandLine.TypeConversionException("'" + value
          + "' is not NAME:BANDWIDTH:WIDTHxHEIGHT:CODECS (e.g. 720p:2800000:1280x720:avc1.64001f,mp4a.40.2)");
    }
    try {
      return new Rendition(m.group(1), Long.parseLong(m.group(2)), Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(4)), m.group(5));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
