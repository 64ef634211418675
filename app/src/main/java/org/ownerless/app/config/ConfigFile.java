package org.ownerless.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ownerless.app.UserError;
import org.ownerless.app.cli.InputFiles;

/**
 * A YAML settings file: one mapping of keys to scalars or lists of scalars. Only its shape is
 * checked here; which keys exist and what their values mean is the command's options' business.
 */
public final class ConfigFile {
  private static final int MAX_BYTES = 1 << 20;
  /** Thread-safe once configured; building one per file cost more than reading the file. */
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Path path;
  private final Map<String, JsonNode> values;

  private ConfigFile(Path path, Map<String, JsonNode> values) {
    this.path = path;
    this.values = values;
  }

  /** Reads {@code path}; an unreadable or malformed file is a {@link UserError} naming it. */
  public static ConfigFile read(Path path) {
    byte[] bytes = InputFiles.read(path, MAX_BYTES);
    JsonNode root;
    try {
      root = YAML.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new UserError(path + ": " + oneLine(e));
    } catch (IOException e) {
      throw new UserError(path + ": " + e.getMessage());
    }
    Map<String, JsonNode> values = new LinkedHashMap<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return new ConfigFile(path, values); // an empty file sets nothing
    }
    if (!root.isObject()) {
      throw new UserError(path + ": expected settings as 'key: value' lines");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      values.put(e.getKey(), e.getValue());
    }
    return new ConfigFile(path, values);
  }

  /** The parser's message spans several lines (with a caret drawing); an error is one line here. */
  private static String oneLine(JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? "not YAML" : e.getOriginalMessage().strip().lines().findFirst()
        .orElse("not YAML");
    return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? message
        : message + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
  }

  public Path path() {
    return path;
  }

  public Iterable<String> keys() {
    return Collections.unmodifiableSet(values.keySet());
  }

  /** The scalar under {@code key} as text, or null when absent or null; a list or mapping there is an error. */
  public String scalar(String key) {
    JsonNode v = values.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isValueNode()) {
      throw new UserError(path + ": " + key + " takes a single value");
    }
    return v.asText();
  }

  /** The list under {@code key} (a single scalar counts as a list of one); empty when absent. */
  public List<String> list(String key) {
    JsonNode v = values.get(key);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (v.isValueNode()) {
      out.add(v.asText());
      return out;
    }
    if (!v.isArray()) {
      throw new UserError(path + ": " + key + " takes a list of values");
    }
    for (JsonNode item : v) {
      if (!item.isValueNode()) {
        throw new UserError(path + ": " + key + " takes a list of values");
      }
      out.add(item.asText());
    }
    return out;
  }
}
