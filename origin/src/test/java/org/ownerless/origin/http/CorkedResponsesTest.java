package org.ownerless.origin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ownerless.origin.http.StreamTree.STREAM;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A segment's head goes out corked with its file (TcpCork), and the cork comes off when the response
 * is written: a cork left on holds each response's last partial TCP segment for Linux's 200 ms
 * ceiling, so a viewer reading segments one after another on a kept-alive connection would wait that
 * long for every one.
 */
class CorkedResponsesTest {
  private static final int REQUESTS = 20;
  @TempDir Path data;
  RunningOrigin origin;

  @AfterEach
  void stop() {
    if (origin != null) {
      origin.close();
    }
  }

  @Test
  void segmentsAfterOneAnotherOnOneConnectionAreNotHeldBack() throws Exception {
    StreamTree tree = StreamTree.in(data);
    byte[] content = new byte[StaticFileRoute.SMALL_FILE * 4 + 1]; // sent with sendfile, ending in a partial segment
    new Random(7).nextBytes(content);
    tree.write("src/seg.ts", content);
    origin = RunningOrigin.serving(tree.streams);
    long[] millis = new long[REQUESTS];
    try (RawClient c = RawClient.connect(origin.port)) {
      for (int i = 0; i < REQUESTS; i++) {
        long start = System.nanoTime();
        RawClient.Response res = c.send(RawClient.get(STREAM + "src/seg.ts")).read();
        millis[i] = (System.nanoTime() - start) / 1_000_000;
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.body()).isEqualTo(content);
      }
    }
    // A held cork delays every response by at least 200 ms; on loopback without one they take a few
    // ms. The median, so that a few responses slowed by a busy machine decide nothing.
    Arrays.sort(millis);
    assertThat(millis[REQUESTS / 2]).as("median ms of %d responses: %s", REQUESTS, Arrays.toString(millis))
        .isLessThan(100);
  }
}
