package org.ownerless.bench.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class SocketQueuesTest {
  // Port 0x1F90 = 8080; queues are hex tx:rx.
  private static final List<String> TABLE = List.of(
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
      "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000003 00:00000000 00000000  1000        0 1 1",
      "   1: 0100007F:1F90 0100007F:D431 01 00000100:00000000 00:00000000 00000000  1000        0 2 1",
      "   2: 0100007F:D431 0100007F:1F90 01 00000000:00000010 00:00000000 00000000  1000        0 3 1",
      "   3: 0100007F:D432 0100007F:1F91 01 00000400:00000400 00:00000000 00000000  1000        0 4 1",
      "   4: 0100007F:1F90 0100007F:D433 06 00000400:00000000 03:00000000 00000000     0        0 0 3");

  @Test
  void sumsBothQueuesOfEstablishedConnectionsOnEitherEndOfThePortOnly() {
    // 0x100 sent by the server end + 0x10 unread at the client end; the listener's backlog, another
    // port and a TIME_WAIT socket do not count.
    assertThat(SocketQueues.queuedBytes(TABLE, 8080)).isEqualTo(0x110);
    assertThat(SocketQueues.queuedBytes(TABLE, 8081)).isEqualTo(0x800);
    assertThat(SocketQueues.queuedBytes(TABLE, 9999)).isZero();
  }

  @Test
  void seesBytesNobodyHasReadOnARealLoopbackConnection() throws Exception {
    if (!Files.isReadable(Path.of("/proc/net/tcp"))) {
      return; // not Linux: the bench reads no queues there either
    }
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
         Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
         Socket accepted = server.accept()) {
      int port = server.getLocalPort();
      assertThat(SocketQueues.queuedBytes(port)).isZero();
      OutputStream out = accepted.getOutputStream();
      out.write(new byte[1000]);
      out.flush();
      Awaitility.await().until(() -> SocketQueues.queuedBytes(port) == 1000);
      InputStream in = client.getInputStream();
      in.readNBytes(1000);
      Awaitility.await().until(() -> SocketQueues.queuedBytes(port) == 0);
    }
  }
}
