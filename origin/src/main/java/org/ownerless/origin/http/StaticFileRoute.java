package org.ownerless.origin.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.util.AsciiString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.ownerless.net.LogText;
import org.ownerless.protocol.json.StrictJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves files below one URL prefix from one directory, mirroring the URL layout exactly
 * ({@code /streams/PUB/NAME/master.m3u8} → {@code DIR/PUB/NAME/master.m3u8} for prefix
 * {@code /streams/}), so any plain web server pointed at the same directory behaves the same.
 *
 * <p>File system calls run on the event loop: they are metadata lookups on local disk, and the body
 * itself is sent by the kernel (zero-copy) or in chunks as the socket drains.
 */
public final class StaticFileRoute implements HttpRoute {
  private static final Logger log = LoggerFactory.getLogger(StaticFileRoute.class);
  private static final int TLS_CHUNK = 16 * 1024; // one TLS record

  /** Bodies up to this size go out in one write with their headers instead of through sendfile. */
  static final int SMALL_FILE = 64 * 1024;

  /** Bytes of small files kept in memory per route: the playlists and manifests of hundreds of streams. */
  static final long SMALL_FILES_CACHED = 8L * 1024 * 1024;

  /**
   * Response headers are set only by this route, from values it made or was configured with, so
   * Netty's per-header validation (built for values that came off the wire) is skipped.
   */
  private static final HttpHeadersFactory OWN_HEADERS = DefaultHttpHeadersFactory.headersFactory().withValidation(false);
  private static final AsciiString BYTES = AsciiString.cached("bytes");
  private static final AsciiString NOSNIFF_NAME = AsciiString.cached("x-content-type-options");
  private static final AsciiString NOSNIFF = AsciiString.cached("nosniff");

  /** NAME_MAX of ext4, xfs, btrfs, tmpfs: no published file has a longer name. */
  private static final int MAX_NAME_BYTES = 255;

  /** The one file name a blocking reload query applies to (protocol §5: {@code REND/manifest.json}). */
  private static final String MANIFEST = "manifest.json";

  private final String prefix;
  private final Path realRoot;
  private final Map<String, String> pageHeaders;
  private final RealDirectories directories = new RealDirectories();
  private final SmallFileCache smallFiles = new SmallFileCache(SMALL_FILES_CACHED);
  // null: blocking queries are ignored, as a plain web server does. Set before the server starts.
  private volatile BlockingReloads reloads;

  /**
   * Serves {@code root} at {@code prefix}. Public so that routes with their own policy (the relay's
   * mirror, which may wait for a file being fetched) can hand the request on once the file is there.
   */
  public StaticFileRoute(String prefix, Path root) {
    this(prefix, root, Map.of());
  }

  /**
   * Serves {@code root} at {@code prefix}, sending {@code pageHeaders} with every HTML file: a
   * page's security policy (CSP, framing) belongs to the page, not to the scripts and workers it loads.
   */
  public StaticFileRoute(String prefix, Path root, Map<String, String> pageHeaders) {
    this.prefix = prefix;
    this.pageHeaders = Map.copyOf(pageHeaders);
    try {
      this.realRoot = root.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("static root " + root + " is not readable", e);
    }
    if (!Files.isDirectory(realRoot)) {
      throw new IllegalArgumentException("static root " + root + " is not a directory");
    }
  }

  @Override
  public void holdReloadsIn(BlockingReloads reloads) {
    if (this.reloads == null) {
      this.reloads = reloads;
    }
  }

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest req, String path) throws IOException {
    if (!HttpResponses.isRead(req)) {
      HttpResponses.methodNotAllowed(ctx, req, HttpResponses.ALLOW_READ);
      return;
    }
    String relative = path.substring(prefix.length());
    if (!servable(relative)) {
      notFound(ctx, req);
      return;
    }
    Optional<StaticFile> found = StaticFile.open(realRoot, relative, directories, smallFiles);
    if (found.isEmpty()) {
      notFound(ctx, req);
      return;
    }
    BlockingReloads reloads = this.reloads;
    if (reloads != null && held(ctx, req, found.get(), reloads)) {
      return;
    }
    serve(ctx, req, found.get());
  }

  /**
   * Parks a blocking manifest request whose file does not have the asked segment (or part) yet; true
   * if it did (the file is then closed here and opened afresh for the answer). A request the file
   * already satisfies, one asking too far ahead and any other file are answered at once.
   */
  private boolean held(ChannelHandlerContext ctx, FullHttpRequest req, StaticFile file, BlockingReloads reloads)
      throws IOException {
    if (!file.name().equals(MANIFEST) || file.size() > StrictJson.MAX_BYTES) {
      return false;
    }
    Optional<BlockingQuery> query = BlockingQuery.parse(req.uri());
    if (query.isEmpty()) {
      return false;
    }
    byte[] body = file.size() <= SMALL_FILE ? file.readAll(smallFiles) : Files.readAllBytes(file.path());
    ManifestProgress progress = reloads.progress(file.path(), file.attrs(), body);
    BlockingQuery q = query.get();
    if (progress == null || progress.satisfies(q) || progress.tooFarBehind(q)
        || !reloads.hold(ctx, req, file.path(), q, progress.holdBound(), this::answerHeld)) {
      return false;
    }
    file.close();
    return true;
  }

  /** The answer to a request that was held: the file as it is now, never held again. */
  private void answerHeld(ChannelHandlerContext ctx, FullHttpRequest req) throws IOException {
    String relative = RequestPath.decode(req.uri()).orElseThrow().substring(prefix.length());
    Optional<StaticFile> found = StaticFile.open(realRoot, relative, directories, smallFiles);
    if (found.isEmpty()) {
      notFound(ctx, req);
    } else {
      serve(ctx, req, found.get());
    }
  }

  /**
   * No directory listings, and no dot-files: those are temp files of in-progress atomic writes. No
   * name longer than a file name can be (255 bytes on Linux file systems): asking for one fails in
   * the file system with ENAMETOOLONG, which is the client's mistake, not the server's.
   */
  private static boolean servable(String relative) {
    if (relative.isEmpty() || relative.endsWith("/")) {
      return false;
    }
    int start = 0;
    while (start < relative.length()) {
      int end = relative.indexOf('/', start);
      if (end < 0) {
        end = relative.length();
      }
      if (relative.charAt(start) == '.' || tooLongForAFileName(relative, start, end)) {
        return false;
      }
      start = end + 1;
    }
    return true;
  }

  /** Encodes only a name that might be too long: a UTF-16 char is at most 3 bytes in UTF-8. */
  private static boolean tooLongForAFileName(String path, int start, int end) {
    return end - start > MAX_NAME_BYTES / 3
        && path.substring(start, end).getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES;
  }

  private void serve(ChannelHandlerContext ctx, FullHttpRequest req, StaticFile file) throws IOException {
    boolean handedOff = false;
    try {
      FileHeaders fh = file.headers();
      HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, OWN_HEADERS);
      HttpHeaders h = res.headers();
      h.set(HttpHeaderNames.ETAG, fh.etag());
      h.set(HttpHeaderNames.LAST_MODIFIED, fh.lastModified());
      h.set(HttpHeaderNames.CACHE_CONTROL, fh.cacheControl());
      h.set(HttpHeaderNames.DATE, HttpDate.now());
      HttpResponses.echoKeepAlive(req, res);
      if (fh.page()) {
        pageHeaders.forEach(h::set);
      }

      if (notModified(req, fh.etag(), fh.modifiedMillis())) {
        res.setStatus(HttpResponseStatus.NOT_MODIFIED);
        // RFC 9110 §8.6 allows the 200's length here; it also tells the keep-alive handler the
        // message length is defined, so the connection stays open.
        HttpUtil.setContentLength(res, file.size());
        ctx.writeAndFlush(complete(res, Unpooled.EMPTY_BUFFER));
        return;
      }

      h.set(HttpHeaderNames.CONTENT_TYPE, fh.contentType());
      h.set(HttpHeaderNames.ACCEPT_RANGES, BYTES);
      h.set(NOSNIFF_NAME, NOSNIFF);
      long size = file.size();
      long offset = 0;
      long length = size;
      RangeRequest range = ifRangeHolds(req, fh.etag(), fh.modifiedMillis())
          ? RangeRequest.parse(req.headers().get(HttpHeaderNames.RANGE), size)
          : new RangeRequest.Whole();
      if (range instanceof RangeRequest.Unsatisfiable) {
        res.setStatus(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
        h.set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size);
        h.set(HttpHeaderNames.CONTENT_TYPE, HttpResponses.TEXT_PLAIN);
        HttpUtil.setContentLength(res, 0);
        ctx.writeAndFlush(complete(res, Unpooled.EMPTY_BUFFER));
        return;
      }
      if (range instanceof RangeRequest.Part part) {
        res.setStatus(HttpResponseStatus.PARTIAL_CONTENT);
        h.set(HttpHeaderNames.CONTENT_RANGE, "bytes " + part.first() + "-" + part.last() + "/" + size);
        offset = part.first();
        length = part.length();
      }
      HttpUtil.setContentLength(res, length);
      if (HttpMethod.HEAD.equals(req.method()) || length == 0) {
        ctx.writeAndFlush(complete(res, Unpooled.EMPTY_BUFFER));
        return;
      }
      ChannelFuture sent;
      if (size <= SMALL_FILE) {
        // Playlists and manifests: headers and body in one message and one write, the body from
        // memory when this version of the file was read before.
        byte[] body = file.readAll(smallFiles);
        sent = ctx.writeAndFlush(complete(res, Unpooled.wrappedBuffer(body, (int) offset, (int) length)));
      } else if (ctx.pipeline().get(SslHandler.class) == null) {
        // Plain TCP: the kernel copies file pages straight to the socket (sendfile), the head in
        // the first full segment with them.
        TcpCork.hold(ctx.channel());
        ctx.write(res);
        ctx.write(new DefaultFileRegion(file.channel(), offset, length));
        handedOff = true;
        sent = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        sent.addListener((ChannelFutureListener) f -> TcpCork.release(f.channel()));
      } else {
        // TLS must encrypt in user space; ChunkedWriteHandler reads a chunk only when the socket drains.
        ctx.write(res);
        sent = ctx.writeAndFlush(new HttpChunkedInput(new ChunkedNioFile(file.channel(), offset, length, TLS_CHUNK)));
        handedOff = true;
      }
      sent.addListener((ChannelFutureListener) f -> {
        if (!f.isSuccess()) {
          // Already closed: whoever closed it logged why; every queued response failing says nothing new.
          if (!(f.cause() instanceof ClosedChannelException)) {
            log.debug("{}: sending {} failed: {}", f.channel().remoteAddress(), LogText.quote(file.name()),
                f.cause().toString());
          }
          f.channel().close(); // a response cut short cannot be followed by another on this connection
        }
      });
    } finally {
      if (!handedOff) {
        file.close(); // otherwise Netty closes it once the region or chunked input is done
      }
    }
  }

  /** The response head and its whole body as one message: one trip through the pipeline, one write. */
  private static FullHttpResponse complete(HttpResponse head, ByteBuf body) {
    return new DefaultFullHttpResponse(head.protocolVersion(), head.status(), body, head.headers(),
        EmptyHttpHeaders.INSTANCE);
  }

  /** If-None-Match wins over If-Modified-Since (RFC 9110 §13.1.3). */
  private static boolean notModified(FullHttpRequest req, String etag, long modifiedMillis) {
    String inm = req.headers().get(HttpHeaderNames.IF_NONE_MATCH);
    if (inm != null) {
      return EntityTags.noneMatchHits(inm, etag);
    }
    String ims = req.headers().get(HttpHeaderNames.IF_MODIFIED_SINCE);
    if (ims != null) {
      Date since = HttpDate.parse(ims);
      return since != null && modifiedMillis / 1000 <= since.getTime() / 1000;
    }
    return false;
  }

  /** If-Range: honour Range only if the client's copy is the current one (strong ETag or exact date). */
  private static boolean ifRangeHolds(FullHttpRequest req, String etag, long modifiedMillis) {
    String ifRange = req.headers().get(HttpHeaderNames.IF_RANGE);
    if (ifRange == null) {
      return true;
    }
    String v = ifRange.trim();
    if (v.startsWith("\"")) {
      return v.equals(etag);
    }
    Date date = HttpDate.parse(v);
    return date != null && date.getTime() / 1000 == modifiedMillis / 1000;
  }

  private static void notFound(ChannelHandlerContext ctx, FullHttpRequest req) {
    HttpResponses.text(ctx, req, HttpResponseStatus.NOT_FOUND, "not found\n");
  }
}
