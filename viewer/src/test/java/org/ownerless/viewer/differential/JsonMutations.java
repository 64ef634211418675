package org.ownerless.viewer.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.signing.SignedObject;

/**
 * Damage above JSON, then signed again: what a key holder (or a thief of the key) could publish. One
 * node anywhere in the object is removed, replaced, retyped, duplicated or joined by a stranger, and
 * every signed object around it is re-signed, so the verifiers get past the signature to the rules.
 */
final class JsonMutations {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  /** Where a node sits: its container, its field name or index, and the objects enclosing it (outermost first). */
  private record Site(JsonNode container, String field, int index, List<ObjectNode> enclosing) {
    JsonNode value() {
      return field != null ? container.get(field) : container.get(index);
    }
  }

  private final Random random;
  private final Signer creator;
  private final Signer other;

  JsonMutations(Random random, Signer creator, Signer other) {
    this.random = random;
    this.creator = creator;
    this.other = other;
  }

  /** A changed copy of {@code object}; the original is untouched. */
  ObjectNode mutate(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    List<Site> sites = new ArrayList<>();
    collect(copy, new ArrayList<>(List.of(copy)), sites);
    if (sites.isEmpty()) {
      copy.put("x", 1);
      return copy;
    }
    Site site = sites.get(random.nextInt(sites.size()));
    change(site);
    // Most changes are signed again, by the creator mostly; some keep the old signature (a forgery).
    if (random.nextInt(10) > 0) {
      Signer signer = random.nextInt(10) == 0 ? other : creator;
      for (int i = site.enclosing().size() - 1; i >= 0; i--) {
        ObjectNode o = site.enclosing().get(i);
        boolean changedItsSignature = o == site.container() && SignedObject.SIGNATURE_FIELD.equals(site.field());
        if (o.has(SignedObject.SIGNATURE_FIELD) && !changedItsSignature) {
          resign(o, signer);
        }
      }
    }
    return copy;
  }

  private void collect(JsonNode node, List<ObjectNode> enclosing, List<Site> sites) {
    if (node instanceof ObjectNode o) {
      for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        sites.add(new Site(o, name, -1, List.copyOf(enclosing)));
        descend(o.get(name), enclosing, sites);
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        sites.add(new Site(a, null, i, List.copyOf(enclosing)));
        descend(a.get(i), enclosing, sites);
      }
    }
  }

  private void descend(JsonNode child, List<ObjectNode> enclosing, List<Site> sites) {
    if (child instanceof ObjectNode o) {
      enclosing.add(o);
      collect(o, enclosing, sites);
      enclosing.remove(enclosing.size() - 1);
    } else {
      collect(child, enclosing, sites);
    }
  }

  private void change(Site s) {
    JsonNode value = s.value();
    switch (random.nextInt(6)) {
      case 0 -> remove(s);
      case 1, 2 -> replace(s, nearby(value));
      case 3 -> replace(s, retyped());
      case 4 -> {
        if (s.container() instanceof ObjectNode o) {
          o.set(random.nextBoolean() ? "x" : s.field() + "2", value.deepCopy());
        } else {
          ((ArrayNode) s.container()).insert(s.index(), value.deepCopy());
        }
      }
      default -> {
        // Swap in a sibling's value: a hash where a size was, one entry's digest at another's.
        JsonNode sibling = siblingOf(s);
        replace(s, sibling == null ? retyped() : sibling.deepCopy());
      }
    }
  }

  private JsonNode nearby(JsonNode v) {
    if (v.isIntegralNumber()) {
      long n = v.asLong();
      long[] picks = {n + 1, n - 1, 0, -1, n * 2, -n, (1L << 53) - 1, 1L << 53, Long.MAX_VALUE};
      int i = random.nextInt(picks.length + 2);
      if (i == picks.length) {
        return JSON.numberNode(1.5);
      }
      if (i == picks.length + 1) {
        return JSON.numberNode(BigInteger.TEN.pow(30));
      }
      return JSON.numberNode(picks[i]);
    }
    if (v.isTextual()) {
      String t = v.textValue();
      switch (random.nextInt(7)) {
        case 0 -> {
          return JSON.textNode("");
        }
        case 1 -> {
          return JSON.textNode(t + BASE64URL.charAt(random.nextInt(BASE64URL.length())));
        }
        case 2 -> {
          return JSON.textNode(t.isEmpty() ? "" : t.substring(0, t.length() - 1));
        }
        case 3 -> {
          return JSON.textNode("a".repeat(1 + random.nextInt(5000)));
        }
        case 4 -> {
          return JSON.textNode(t + (random.nextBoolean() ? "\u0000" : "é\uD83D\uDE00"));
        }
        default -> {
          if (t.isEmpty()) {
            return JSON.textNode("A");
          }
          char[] c = t.toCharArray();
          c[random.nextInt(c.length)] = BASE64URL.charAt(random.nextInt(BASE64URL.length()));
          return JSON.textNode(new String(c));
        }
      }
    }
    if (v.isArray() && !v.isEmpty()) {
      ArrayNode a = (ArrayNode) v.deepCopy();
      a.remove(random.nextInt(a.size()));
      return a;
    }
    return retyped();
  }

  private JsonNode retyped() {
    return switch (random.nextInt(6)) {
      case 0 -> JSON.nullNode();
      case 1 -> JSON.booleanNode(true);
      case 2 -> JSON.numberNode(0);
      case 3 -> JSON.textNode("0");
      case 4 -> JSON.arrayNode();
      default -> JSON.objectNode();
    };
  }

  private JsonNode siblingOf(Site s) {
    int n = s.container().size();
    if (n < 2) {
      return null;
    }
    int pick = random.nextInt(n);
    if (s.container() instanceof ObjectNode o) {
      Iterator<JsonNode> values = o.elements();
      for (int i = 0; i < pick; i++) {
        values.next();
      }
      return values.next();
    }
    return s.container().get(pick);
  }

  private static void remove(Site s) {
    if (s.container() instanceof ObjectNode o) {
      o.remove(s.field());
    } else {
      ((ArrayNode) s.container()).remove(s.index());
    }
  }

  private static void replace(Site s, JsonNode value) {
    if (s.container() instanceof ObjectNode o) {
      o.set(s.field(), value);
    } else {
      ((ArrayNode) s.container()).set(s.index(), value);
    }
  }

  private static void resign(ObjectNode o, Signer signer) {
    try {
      o.set(SignedObject.SIGNATURE_FIELD, SignedObject.sign(o, signer).toJson().get(SignedObject.SIGNATURE_FIELD));
    } catch (RuntimeException e) {
      // Not signable any more (no canonical form for what was put in): it keeps the old signature.
    }
  }
}
