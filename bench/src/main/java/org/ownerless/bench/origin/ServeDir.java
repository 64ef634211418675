package org.ownerless.bench.origin;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.ownerless.origin.http.OriginLimits;
import org.ownerless.origin.http.OriginServer;

/**
 * Serves DIR/streams/ with the real origin, as `node` does, for load tests with wrk. The per-address
 * connection cap is raised because every wrk connection comes from 127.0.0.1.
 * Usage: {@code java -cp bench/target/benchmarks.jar org.ownerless.bench.origin.ServeDir DIR PORT}
 */
public final class ServeDir {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    OriginServer server = OriginServer.builder().host("127.0.0.1").port(port)
        .staticRoot("/streams/", dir.resolve("streams"))
        .limits(OriginLimits.defaults().withMaxConnectionsPerIp(4096).withMaxConnections(8192))
        .build();
    server.start();
    System.out.println("serving " + dir.resolve("streams") + " on http://127.0.0.1:" + port + "/streams/");
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      done.countDown();
    }));
    done.await();
  }
}
