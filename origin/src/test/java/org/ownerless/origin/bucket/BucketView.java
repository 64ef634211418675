package org.ownerless.origin.bucket;

import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.ownerless.origin.follow.StreamUrl;
import org.ownerless.origin.verify.PassResult;
import org.ownerless.origin.verify.StreamVerifier;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.signing.SignedObject;

/** What a reader sees of one stream in the bucket, through its public HTTP address only. */
final class BucketView {
  final String streamUrl;
  private final PublishedStream stream;

  BucketView(String baseUrl, PublishedStream stream) {
    this.streamUrl = baseUrl + stream.id.path() + "/";
    this.stream = stream;
  }

  /** The tree size of the rendition's manifest in the bucket, or -1 while there is none. */
  long treeSize(String rendition) throws Exception {
    HttpResponse<byte[]> r = BucketHttp.get(streamUrl + rendition + "/manifest.json");
    return r.statusCode() == 200 ? ManifestRoot.fromSigned(SignedObject.parse(r.body())).treeSize() : -1;
  }

  /** Waits until every rendition's manifest in the bucket reaches {@code size}. */
  void awaitTreeSize(long size, Duration timeout) throws Exception {
    await("bucket manifests at size " + size).atMost(timeout).until(() -> {
      for (String r : PublishedStream.RENDITIONS) {
        if (treeSize(r) < size) {
          return false;
        }
      }
      return true;
    });
  }

  /** One pass of the same verifier as `ownerless verify URL`, against the bucket alone. */
  PassResult verify() {
    return new StreamVerifier(StreamUrl.parse(streamUrl), stream.creator.publicKey(), Duration.ofSeconds(10))
        .pass();
  }

}
