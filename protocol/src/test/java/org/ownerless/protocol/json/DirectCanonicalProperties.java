package org.ownerless.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The one-pass canonical writer must give exactly the bytes of the general path (Jackson text
 * rewritten by the JCS library) for every tree, or fail where it fails: signatures cover these
 * bytes, and the viewer's JavaScript canonicalizer is checked against the general path elsewhere.
 */
class DirectCanonicalProperties {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Characters where encodings and escapes change: controls, quote, backslash, DEL, UTF-8 length steps. */
  private static final char[] EDGES = {0, 1, 7, 8, 9, 10, 11, 12, 13, 14, 0x1f, ' ', '"', '\\', '/', 0x7f, 0x80,
      0xff, 0x7ff, 0x800, 0x2028, 0xd7ff, 0xe000, 0xfeff, 0xfffd, 0xffff};

  @Property(tries = 3000)
  void theOnePassWriterAgreesWithTheGeneralPathOnEveryTree(@ForAll long seed) {
    Random random = new Random(seed);
    assertSameOutcome(random.nextInt(10) == 0 ? value(random, 0) : object(random, 0));
  }

  @Property(tries = 1000)
  void anObjectWithOneMoreFieldIsWrittenAsIfTheFieldWereInTheTree(@ForAll long seed) {
    Random random = new Random(seed);
    ObjectNode object = object(random, 0);
    object.remove("sig");
    String sig = string(random);
    ObjectNode withSig = object.deepCopy();
    withSig.put("sig", sig);
    byte[] expected;
    try {
      expected = CanonicalJson.viaCanonicalizer(withSig);
    } catch (RuntimeException e) {
      assertThatThrownBy(() -> CanonicalJson.bytesWith(object, "sig", sig)).isInstanceOf(e.getClass());
      return;
    }
    assertThat(CanonicalJson.bytesWith(object, "sig", sig)).isEqualTo(expected);
    assertThat(object.has("sig")).isFalse(); // the tree itself is left alone
  }

  @Property(tries = 200)
  void aFieldTheObjectHasAlreadyIsRefused(@ForAll long seed) {
    ObjectNode object = object(new Random(seed), 0);
    object.put("sig", "x");
    assertThatThrownBy(() -> CanonicalJson.bytesWith(object, "sig", "y")).isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertSameOutcome(JsonNode tree) {
    byte[] expected;
    try {
      expected = CanonicalJson.viaCanonicalizer(tree);
    } catch (RuntimeException e) {
      assertThatThrownBy(() -> CanonicalJson.bytes(tree)).isInstanceOf(e.getClass());
      return;
    }
    assertThat(CanonicalJson.bytes(tree)).isEqualTo(expected);
  }

  private static JsonNode value(Random r, int depth) {
    int kind = r.nextInt(depth >= 4 ? 6 : 8);
    return switch (kind) {
      case 0 -> NODES.textNode(string(r));
      case 1 -> NODES.numberNode(safeInteger(r));
      case 2 -> NODES.booleanNode(r.nextBoolean());
      case 3 -> r.nextInt(4) == 0 ? NODES.nullNode() : NODES.numberNode(r.nextInt(2000) - 1000);
      case 4 -> unusualNumber(r);
      case 5 -> NODES.textNode(r.nextInt(10) == 0 ? "" : string(r));
      case 6 -> object(r, depth + 1);
      default -> array(r, depth + 1);
    };
  }

  private static ObjectNode object(Random r, int depth) {
    ObjectNode o = NODES.objectNode();
    int n = r.nextInt(7);
    for (int i = 0; i < n; i++) {
      o.set(r.nextInt(3) == 0 ? "sig" + string(r) : string(r), value(r, depth));
    }
    return o;
  }

  private static ArrayNode array(Random r, int depth) {
    ArrayNode a = NODES.arrayNode();
    int n = r.nextInt(7);
    for (int i = 0; i < n; i++) {
      a.add(value(r, depth));
    }
    return a;
  }

  private static long safeInteger(Random r) {
    long max = StrictJson.MAX_SAFE_INTEGER;
    return switch (r.nextInt(5)) {
      case 0 -> max;
      case 1 -> -max;
      case 2 -> 0;
      case 3 -> r.nextInt();
      default -> (r.nextLong() % max);
    };
  }

  /** Outside what the one-pass writer covers: it must hand these to the general path. */
  private static JsonNode unusualNumber(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> NODES.numberNode(StrictJson.MAX_SAFE_INTEGER + 1 + r.nextInt(1000));
      case 1 -> NODES.numberNode(BigInteger.valueOf(r.nextLong()).multiply(BigInteger.valueOf(1L << 40)));
      case 2 -> NODES.numberNode(BigInteger.valueOf(safeInteger(r)));
      default -> NODES.numberNode(r.nextDouble() * 1e6);
    };
  }

  private static String string(Random r) {
    StringBuilder s = new StringBuilder();
    int n = r.nextInt(12);
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(6)) {
        case 0 -> s.append(EDGES[r.nextInt(EDGES.length)]);
        case 1 -> s.appendCodePoint(0x10000 + r.nextInt(0x100000)); // a surrogate pair
        case 2 -> s.append((char) (r.nextInt(50) == 0 ? 0xd800 + r.nextInt(0x800) : 0x100 + r.nextInt(0xd700)));
        default -> s.append((char) (0x20 + r.nextInt(0x5f)));
      }
    }
    return s.toString();
  }
}
