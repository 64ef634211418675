package org.ownerless.app.relay;

import java.nio.file.Path;
import java.util.List;
import org.ownerless.protocol.model.StreamId;

/**
 * A relay's settings, validated by the command.
 *
 * @param upstreams base URLs or stream URLs, tried in order before the announce's origin hints
 * @param publicUrl the relay's URL as viewers reach it; null derives it from host and port
 * @param retention segments kept per rendition; 0 keeps everything
 */
public record RelayOptions(StreamId stream, List<String> upstreams, Path dataDir, String host, int httpPort,
    String publicUrl, int retention, Path tlsCert, Path tlsKey) {
  public RelayOptions {
    upstreams = List.copyOf(upstreams);
  }
}
