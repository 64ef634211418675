package org.ownerless.app.options;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The discovery hints a creator signs into the announce, shared by `announce` and `node`: where else
 * the stream's files are served and which trackers introduce its viewers. Viewers trust the signature,
 * not these servers, so a hint only costs time when it is wrong.
 */
public final class HintOptions {
  @Option(names = "--origin", paramLabel = "URL",
      description = "An HTTP(S) origin or relay serving /streams/, listed in the announce (repeatable).")
  List<String> origins = new ArrayList<>();

  @Option(names = "--tracker", paramLabel = "URL",
      description = "A WebTorrent tracker (ws:// or wss://), listed in the announce (repeatable).")
  List<String> trackers = new ArrayList<>();

  /** The origins as base URLs (a missing trailing slash added); a malformed one is a UserError. */
  public List<String> origins() {
    return origins.stream().map(o -> ServerUrls.base("--origin", o, ServerUrls.HTTP)).toList();
  }

  /** The tracker URLs, checked; a malformed one is a UserError. */
  public List<String> trackers() {
    return trackers.stream().map(t -> ServerUrls.endpoint("--tracker", t, ServerUrls.WEBSOCKET)).toList();
  }
}
