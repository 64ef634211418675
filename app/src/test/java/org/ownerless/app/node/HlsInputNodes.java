package org.ownerless.app.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.Rendition;
import org.ownerless.protocol.verify.Verifier;

/** What the --hls-input tests share: a node following a directory, and reading what it announced. */
final class HlsInputNodes {
  private HlsInputNodes() {}

  static NodeSettings settings(Path data, Path hlsDir) {
    return NodeSettings.builder().name("show").dataDir(data).host("127.0.0.1").httpPort(0).rtmpPort(0)
        .publishToken("hls-input-token").title("Bring your own packager").endAfter(Duration.ofSeconds(3))
        .hlsInput(hlsDir).build();
  }

  static List<Rendition> announced(Path streamDir, Signer creator) throws Exception {
    return Verifier.verifyAnnounce(Files.readAllBytes(streamDir.resolve("announce.json")), creator.publicKey(),
        System.currentTimeMillis()).content().renditions();
  }

  static String readQuietly(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
