package org.ownerless.bench.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomIdsTest {
  @Test
  void idsAreQuotedTwentyLatin1CodePointsNeedingNoEscapesAndDoNotRepeat() {
    RandomIds ids = new RandomIds(7);
    Set<String> seen = new HashSet<>();
    boolean sawNonAscii = false;
    for (int i = 0; i < 10_000; i++) {
      ByteBuf b = Unpooled.buffer();
      ids.write(b);
      String literal = b.toString(StandardCharsets.UTF_8);
      assertThat(literal).startsWith("\"").endsWith("\"");
      String id = literal.substring(1, literal.length() - 1);
      assertThat(id).hasSize(RandomIds.LENGTH);
      assertThat(id.chars()).allMatch(c -> c <= 0xFF && c > 0x20 && c != '"' && c != '\\');
      sawNonAscii |= id.chars().anyMatch(c -> c >= 0x80);
      assertThat(seen.add(id)).as("repeated id %s", id).isTrue();
    }
    assertThat(sawNonAscii).as("latin-1 characters reach the server as two UTF-8 bytes").isTrue();
  }

  @Test
  void theAlphabetHasNoDuplicates() {
    assertThat(new String(RandomIds.alphabet()).chars().distinct().count()).isEqualTo(128);
  }
}
