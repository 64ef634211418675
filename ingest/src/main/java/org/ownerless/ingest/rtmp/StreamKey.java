package org.ownerless.ingest.rtmp;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.ownerless.protocol.model.Names;

/**
 * The RTMP publish name as OBS sends it: {@code NAME?token=TOKEN} (PRODUCT.md). Other query
 * parameters are ignored; a missing token parses to an empty one, which never matches.
 */
public record StreamKey(String name, String token) {
  /** Returns null when the name part is not a valid stream name. */
  public static StreamKey parse(String publishName) {
    if (publishName == null || publishName.length() > 1024) {
      return null;
    }
    int q = publishName.indexOf('?');
    String name = q < 0 ? publishName : publishName.substring(0, q);
    if (!Names.isStreamName(name)) {
      return null;
    }
    String token = "";
    if (q >= 0) {
      for (String param : publishName.substring(q + 1).split("&")) {
        if (param.startsWith("token=")) {
          try {
            token = URLDecoder.decode(param.substring(6), StandardCharsets.UTF_8);
          } catch (IllegalArgumentException e) {
            token = "";
          }
        }
      }
    }
    return new StreamKey(name, token);
  }

  @Override
  public String toString() {
    return name + "?token=(hidden)"; // keys end up in logs; tokens must not
  }
}
