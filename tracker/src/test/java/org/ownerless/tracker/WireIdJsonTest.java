package org.ownerless.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireIdJsonTest {
  @Test
  void everyLatin1CharacterAtEveryPositionReadsBackAsTheSameId() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (int c = 0; c <= 0xFF; c++) {
      for (int at : new int[] {0, 7, 8, 15, 16, 19}) {
        char[] id = "abcdefghijklmnopqrst".toCharArray();
        id[at] = (char) c;
        String s = new String(id);
        ByteBuf out = Unpooled.buffer();
        WireId.of(s).writeJson(out);
        assertThat(json.readValue(out.toString(StandardCharsets.UTF_8), String.class)).as("char %d at %d", c, at)
            .isEqualTo(s);
      }
    }
  }
}
