package org.ownerless.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.ownerless.protocol.ProtocolException;

/**
 * Reads the fields of one JSON object by name and type, remembering which it read, so that
 * {@link #rejectUnknown()} can refuse anything the format does not define. Signed objects must not
 * carry fields a verifier ignores: an ignored field is a field an attacker can use.
 */
public final class JsonFields {
  private final JsonNode node;
  private final String where;
  private final Set<String> read = new HashSet<>();

  private JsonFields(JsonNode node, String where) {
    this.node = node;
    this.where = where;
  }

  public static JsonFields of(JsonNode node, String where) throws ProtocolException {
    if (node == null || !node.isObject()) {
      throw new ProtocolException(where + ": expected a JSON object");
    }
    return new JsonFields(node, where);
  }

  public String where() {
    return where;
  }

  /** The object being read. */
  public JsonNode node() {
    return node;
  }

  public boolean has(String name) {
    return node.has(name);
  }

  public String string(String name, int maxLength) throws ProtocolException {
    JsonNode value = require(name);
    if (!value.isTextual()) {
      throw error(name, "must be a string");
    }
    String text = value.textValue();
    if (text.length() > maxLength) {
      throw error(name, "longer than " + maxLength + " characters");
    }
    return text;
  }

  public String string(String name, Pattern pattern, String description) throws ProtocolException {
    String text = string(name, 4096);
    if (!pattern.matcher(text).matches()) {
      throw error(name, "must be " + description);
    }
    return text;
  }

  public String optionalString(String name, int maxLength) throws ProtocolException {
    return has(name) ? string(name, maxLength) : null;
  }

  public long integer(String name, long min, long max) throws ProtocolException {
    JsonNode value = require(name);
    if (!value.isIntegralNumber()) {
      throw error(name, "must be an integer");
    }
    long n = value.longValue(); // StrictJson already bounded it to the safe range
    if (n < min || n > max) {
      throw error(name, "must be between " + min + " and " + max + ", got " + n);
    }
    return n;
  }

  public boolean bool(String name) throws ProtocolException {
    JsonNode value = require(name);
    if (!value.isBoolean()) {
      throw error(name, "must be true or false");
    }
    return value.booleanValue();
  }

  public JsonFields object(String name) throws ProtocolException {
    JsonNode value = require(name);
    if (!value.isObject()) {
      throw error(name, "must be an object");
    }
    return new JsonFields(value, where + "." + name);
  }

  public JsonFields optionalObject(String name) throws ProtocolException {
    return has(name) ? object(name) : null;
  }

  /** The array's elements, each wrapped for reading, at most {@code maxItems} of them. */
  public List<JsonNode> array(String name, int maxItems) throws ProtocolException {
    JsonNode value = require(name);
    if (!value.isArray()) {
      throw error(name, "must be an array");
    }
    if (value.size() > maxItems) {
      throw error(name, "has more than " + maxItems + " items");
    }
    List<JsonNode> items = new ArrayList<>(value.size());
    value.forEach(items::add);
    return items;
  }

  public List<String> stringArray(String name, int maxItems, int maxLength) throws ProtocolException {
    List<String> out = new ArrayList<>();
    int i = 0;
    for (JsonNode item : array(name, maxItems)) {
      if (!item.isTextual() || item.textValue().length() > maxLength) {
        throw error(name + "[" + i + "]", "must be a string of at most " + maxLength + " characters");
      }
      out.add(item.textValue());
      i++;
    }
    return out;
  }

  /** Fails on the first field that no reader asked for. */
  public void rejectUnknown() throws ProtocolException {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!read.contains(name)) {
        throw new ProtocolException(where + ": unknown field '" + name + "'");
      }
    }
  }

  public ProtocolException error(String name, String problem) {
    return new ProtocolException(where + "." + name + " " + problem);
  }

  private JsonNode require(String name) throws ProtocolException {
    JsonNode value = node.get(name);
    if (value == null) {
      throw new ProtocolException(where + ": missing field '" + name + "'");
    }
    read.add(name);
    return value;
  }
}
