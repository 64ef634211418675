package org.ownerless.app.bucket;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.ownerless.app.Main;
import org.ownerless.app.node.Node;
import org.ownerless.app.node.NodeOptions;
import org.ownerless.ingest.transcode.Ladder;
import org.ownerless.origin.bucket.S3Server;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.TipTargets;
import org.ownerless.protocol.signing.SignedObject;

/**
 * A real node on loopback publishing to a real S3 API server (s3proxy, started here), fed over RTMP
 * by a real ffmpeg with a small test picture and tone.
 */
final class BucketLiveNode implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final S3Server s3;
  final Node node;
  final Signer creator = Signer.generate();
  final Process publisher;
  final Path data;

  BucketLiveNode(Path data, String prefix, int seconds) throws Exception {
    this.data = data;
    s3 = new S3Server();
    Node started = null;
    try {
      NodeOptions options = new NodeOptions("show", data.resolve("creator.key"), data, "127.0.0.1", 0, 0,
          "bucket-test-token", null, "Bucket test", TipTargets.NONE, LatencyMode.NORMAL, Ladder.parse("src"), 2.0, 10,
          0, Duration.ofSeconds(30), false, List.of(), List.of(), null, null, "ffmpeg", null, s3.settings(prefix));
      started = Node.start(options, creator);
      publisher = ffmpeg(started.obsServer(), started.obsStreamKey(), seconds, data.resolve("publisher.log").toFile());
    } catch (Exception e) {
      if (started != null) {
        started.close();
      }
      s3.close();
      throw e;
    }
    node = started;
  }

  private static Process ffmpeg(String server, String key, int seconds, File log) throws IOException {
    return new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "warning", "-nostdin", "-re",
        "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=15", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
        "-t", String.valueOf(seconds), "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast",
        "-tune", "zerolatency", "-g", "30", "-c:a", "aac", "-b:a", "64k", "-f", "flv", server + "/" + key)
        .redirectErrorStream(true).redirectOutput(log).start();
  }

  /** The stream in the bucket, through the bucket's plain HTTP endpoint. */
  String bucketStreamUrl() {
    return node.bucketStreamUrl();
  }

  /** The size of the src manifest at {@code streamUrl}, or -1 while it cannot be read. */
  static long treeSize(String streamUrl) {
    try {
      HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(streamUrl + "src/manifest.json"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
      return r.statusCode() == 200 ? ManifestRoot.fromSigned(SignedObject.parse(r.body())).treeSize() : -1;
    } catch (Exception e) {
      return -1;
    }
  }

  static String get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  /** `ownerless verify URL`, in process: exit code and output. */
  static String[] verify(String url) {
    StringWriter out = new StringWriter();
    int code = Main.run(new String[] {"verify", url}, new PrintWriter(out), new PrintWriter(out));
    return new String[] {String.valueOf(code), out.toString()};
  }

  void until(Duration timeout, String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
            + "; publisher log:\n" + java.nio.file.Files.readString(data.resolve("publisher.log")));
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void close() throws Exception {
    publisher.destroyForcibly();
    node.close();
    s3.close();
  }
}
