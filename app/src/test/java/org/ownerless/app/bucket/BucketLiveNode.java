package org.ownerless.app.bucket;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ownerless.app.Main;
import org.ownerless.app.node.Node;
import org.ownerless.app.node.NodeSettings;
import org.ownerless.app.testing.Http;
import org.ownerless.app.testing.LiveNode;
import org.ownerless.app.testing.Waits;
import org.ownerless.ingest.transcode.Ladder;
import org.ownerless.origin.bucket.S3Server;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.TipTargets;
import org.ownerless.protocol.signing.SignedObject;

/**
 * A real node on loopback publishing to a real S3 API server (s3proxy, started here), fed over RTMP
 * by the test publisher ({@link LiveNode}).
 */
final class BucketLiveNode implements AutoCloseable {
  final S3Server s3;
  final LiveNode live;
  final Node node;
  final Signer creator;

  BucketLiveNode(Path data, String prefix, int seconds) throws Exception {
    this(data, prefix, seconds, false);
  }

  /** @param bucketDownAtStart the S3 server is stopped before the node starts (start it with {@code s3.start()}) */
  BucketLiveNode(Path data, String prefix, int seconds, boolean bucketDownAtStart) throws Exception {
    s3 = new S3Server();
    try {
      if (bucketDownAtStart) {
        s3.stop();
      }
      live = LiveNode.start(NodeSettings.builder().name("show").dataDir(data).host("127.0.0.1").httpPort(0).rtmpPort(0)
          .publishToken("bucket-test-token").title("Bucket test").ladder("src").segmentSeconds(2.0)
          .bucket(s3.settings(prefix)).build(), seconds);
    } catch (Exception e) {
      s3.close();
      throw e;
    }
    node = live.node;
    creator = live.creator;
  }

  /** The stream in the bucket, through the bucket's plain HTTP endpoint. */
  String bucketStreamUrl() {
    return node.bucketStreamUrl();
  }

  /** The size of the src manifest at {@code streamUrl}, or -1 while it cannot be read. */
  static long treeSize(String streamUrl) {
    try {
      var r = Http.get(streamUrl + "src/manifest.json");
      return r.statusCode() == 200 ? ManifestRoot.fromSigned(SignedObject.parse(r.body())).treeSize() : -1;
    } catch (Exception e) {
      return -1;
    }
  }

  /** `ownerless verify URL`, in process: exit code and output. */
  static String[] verify(String url) {
    StringWriter out = new StringWriter();
    int code = Main.run(new String[] {"verify", url}, new PrintWriter(out), new PrintWriter(out));
    return new String[] {String.valueOf(code), out.toString()};
  }

  /** Waits for {@code condition}; a timeout reports the publisher's log too. */
  void until(Duration timeout, String what, Waits.Check condition) throws Exception {
    Waits.until(timeout, () -> what + "; publisher log:\n" + publisherLog(), condition);
  }

  private String publisherLog() {
    try {
      return live.publisherLog();
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() throws Exception {
    try {
      live.close();
    } finally {
      s3.close();
    }
  }
}
