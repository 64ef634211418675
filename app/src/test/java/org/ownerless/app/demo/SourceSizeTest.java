package org.ownerless.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `demo --source-size`: what it accepts, and one clear line for what it does not. */
class SourceSizeTest {
  private final SourceSize.Converter converter = new SourceSize.Converter();

  @Test
  void readsWidthByHeight() {
    assertThat(converter.convert("1280x720")).isEqualTo(new SourceSize(1280, 720));
    assertThat(converter.convert(" 854x480 ")).hasToString("854x480");
  }

  @Test
  void refusesOtherFormsOddAndOutOfRangeSizes() {
    assertThatThrownBy(() -> converter.convert("720p")).isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessage("'720p' is not WIDTHxHEIGHT (e.g. 854x480)");
    for (String bad : new String[] {"855x480", "64x64", "7680x4320"}) {
      assertThatThrownBy(() -> converter.convert(bad)).hasMessageContaining("out of range");
    }
  }
}
