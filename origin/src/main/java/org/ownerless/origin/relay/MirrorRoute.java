package org.ownerless.origin.relay;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.ownerless.net.LogText;
import org.ownerless.origin.http.BlockingReloads;
import org.ownerless.origin.http.HttpRoute;
import org.ownerless.origin.http.StaticFileRoute;
import org.ownerless.origin.http.HttpResponses;
import org.ownerless.protocol.model.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /streams/PUB/NAME/}: serves the mirror as static files, like any origin. One addition: a
 * request for a segment that the accepted manifest lists but that is not mirrored yet waits for
 * the (single, coalesced) upstream fetch and verification instead of getting a 404, so a viewer
 * that learnt of a segment elsewhere, a moment before this relay published it, is not turned away.
 * Register it with {@link #prefixOf} alongside {@code staticRoot("/streams/", streamsDir)}.
 */
public final class MirrorRoute implements HttpRoute {
  private static final Logger log = LoggerFactory.getLogger(MirrorRoute.class);

  private final StreamMirror mirror;
  private final String streamPrefix;
  private final Path streamDir;
  private final HttpRoute files;

  public MirrorRoute(StreamMirror mirror, RelayConfig config) {
    this.mirror = mirror;
    this.streamPrefix = prefixOf(config.stream());
    this.streamDir = config.streamDir();
    this.files = new StaticFileRoute("/streams/", config.streamsDir());
  }

  /** Its manifests take blocking reloads like an origin's: the mirror renames them in like a node. */
  @Override
  public void holdReloadsIn(BlockingReloads reloads) {
    files.holdReloadsIn(reloads);
  }

  /** The URL prefix this route is registered at. */
  public static String prefixOf(StreamId stream) {
    return "/" + stream.path() + "/";
  }

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest req, String path) throws Exception {
    Optional<CompletableFuture<Path>> pending = HttpResponses.isRead(req) ? pendingSegment(path) : Optional.empty();
    if (pending.isEmpty()) {
      files.handle(ctx, req, path);
      return;
    }
    req.retain(); // answered later, after the router has released its reference
    pending.get().whenComplete((file, failure) -> ctx.executor().execute(() -> {
      try {
        if (failure != null) {
          log.debug("on-demand fetch of {} failed: {}", LogText.quote(path), LogText.detail(failure.toString()));
        }
        files.handle(ctx, req, path); // the file if it verified, else the usual 404
      } catch (Exception e) {
        log.warn("serving {} failed: {}", LogText.quote(path), LogText.detail(e.toString()));
        ctx.close();
      } finally {
        req.release();
      }
    }));
  }

  /** REND/URI, not on disk, listed by the accepted window: the fetch to wait for. */
  private Optional<CompletableFuture<Path>> pendingSegment(String path) {
    String[] parts = path.substring(streamPrefix.length()).split("/");
    if (parts.length != 2 || Files.exists(streamDir.resolve(parts[0]).resolve(parts[1]))) {
      return Optional.empty();
    }
    return mirror.fetchListed(parts[0], parts[1]);
  }
}
