package org.ownerless.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's stripe readers (bench/viewers-js/clock-stripe.mjs) take the layout from
 * clock-stripe.json; this holds that file to what {@link ClockCode} draws, so a change on either side
 * that is not made on the other fails here instead of as "unreadable" frames in a benchmark run.
 */
class ClockStripeLayoutTest {
  // Surefire runs in the module's folder; the bench is its sibling in the same checkout.
  private static final Path LAYOUT = Path.of("..", "bench", "viewers-js", "clock-stripe.json");

  @Test
  void theBenchmarkReadersLayoutIsTheOneClockCodeDraws() throws Exception {
    JsonNode layout = new ObjectMapper().readTree(Files.readString(LAYOUT));

    assertThat(layout.get("bits").asInt()).isEqualTo(ClockCode.BITS);
    assertThat(layout.get("cellsAcross").asInt()).isEqualTo(ClockCode.CELLS_ACROSS);
    assertThat(layout.get("firstColumn").asInt()).isEqualTo(ClockCode.FIRST_COLUMN);
    assertThat(layout.get("firstRow").asDouble()).isEqualTo(ClockCode.FIRST_ROW);
    assertThat(layout.size()).as("every layout number the readers use is checked here").isEqualTo(4);
  }
}
