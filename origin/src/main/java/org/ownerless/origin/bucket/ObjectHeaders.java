package org.ownerless.origin.bucket;

import org.ownerless.origin.http.CachePolicy;
import org.ownerless.origin.http.ContentTypes;

/**
 * Content-Type and Cache-Control of a published object: the origin's own rules, so a bucket serves
 * each file exactly as the node does. One addition: {@code roots/E-N.json} is immutable in the bucket,
 * since a root published at size N is final and a CDN in front of a bucket cannot revalidate cheaply.
 */
public record ObjectHeaders(String contentType, String cacheControl) {

  /** @param relative a path below the stream's directory, e.g. {@code src/seg-1-000042.ts} */
  public static ObjectHeaders forPath(String relative) {
    String name = relative.substring(relative.lastIndexOf('/') + 1);
    String cache = isRoot(relative) ? CachePolicy.IMMUTABLE : CachePolicy.forFileName(name);
    return new ObjectHeaders(ContentTypes.forFileName(name), cache);
  }

  private static boolean isRoot(String relative) {
    return relative.matches("[^/]+/roots/[0-9]+-[0-9]+\\.json");
  }
}
