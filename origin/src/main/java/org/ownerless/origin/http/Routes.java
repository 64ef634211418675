package org.ownerless.origin.http;

import io.netty.channel.ChannelPipeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The routing table, fixed before the server starts (lookups need no locking).
 * A path ending in '/' registers a prefix, anything else an exact path; the longest prefix wins.
 */
final class Routes {
  private record Prefix(String prefix, HttpRoute route) {}

  private final Map<String, HttpRoute> exact = new HashMap<>();
  private final List<Prefix> prefixes = new ArrayList<>();
  private final Map<String, Consumer<ChannelPipeline>> upgrades = new HashMap<>();

  void add(String path, HttpRoute route) {
    requirePath(path);
    boolean taken = path.endsWith("/")
        ? prefixes.stream().anyMatch(p -> p.prefix().equals(path))
        : exact.containsKey(path);
    if (taken) {
      throw new IllegalArgumentException("route already registered: " + path);
    }
    if (path.endsWith("/")) {
      prefixes.add(new Prefix(path, route));
      prefixes.sort(Comparator.comparingInt((Prefix p) -> p.prefix().length()).reversed());
    } else {
      exact.put(path, route);
    }
  }

  void addUpgrade(String path, Consumer<ChannelPipeline> installer) {
    requirePath(path);
    if (upgrades.putIfAbsent(path, installer) != null) {
      throw new IllegalArgumentException("upgrade route already registered: " + path);
    }
  }

  /** An independent copy, so registering on a builder after build() cannot touch a running server. */
  Routes copy() {
    Routes c = new Routes();
    c.exact.putAll(exact);
    c.prefixes.addAll(prefixes);
    c.upgrades.putAll(upgrades);
    return c;
  }

  /** The route for a decoded path, or null. */
  HttpRoute find(String path) {
    HttpRoute route = exact.get(path);
    if (route != null) {
      return route;
    }
    for (Prefix p : prefixes) {
      if (path.startsWith(p.prefix())) {
        return p.route();
      }
    }
    return null;
  }

  /** The pipeline installer claiming this exact path for a protocol upgrade, or null. */
  Consumer<ChannelPipeline> upgrade(String path) {
    return upgrades.get(path);
  }

  private static void requirePath(String path) {
    if (path == null || !path.startsWith("/") || RequestPath.decode(path).map(p -> !p.equals(path)).orElse(true)) {
      throw new IllegalArgumentException("route path must be a plain absolute path: " + path);
    }
  }
}
