package org.ownerless.origin.http;

import io.netty.handler.codec.DateFormatter;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Date;

/**
 * What a file's response headers say about it, worked out once per version of the file: the
 * validators (ETag, Last-Modified) and the name-derived type and cache policy. A cached small file
 * keeps its set, so serving it again formats no date and looks up no extension.
 */
record FileHeaders(String etag, long modifiedMillis, String lastModified, String contentType,
    String cacheControl, boolean page) {

  static FileHeaders of(BasicFileAttributes attrs, String name) {
    long modified = attrs.lastModifiedTime().toMillis();
    return new FileHeaders(EntityTags.of(attrs), modified, DateFormatter.format(new Date(modified)),
        ContentTypes.forFileName(name), CachePolicy.forFileName(name), name.endsWith(".html"));
  }
}
