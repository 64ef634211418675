package org.ownerless.bench.tracker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Bytes the kernel still holds on loopback connections to one port, both ends (send and receive
 * queues of /proc/net/tcp and tcp6). Netty queues outbound bytes in its own buffer only while the
 * kernel's send buffer is full, so zero here with an idle server means nothing queued at all.
 */
final class SocketQueues {
  private static final String ESTABLISHED = "01";

  private SocketQueues() {}

  /** Queued bytes on established connections to or from {@code port}, or -1 if /proc cannot be read. */
  static long queuedBytes(int port) {
    long sum = 0;
    boolean read = false;
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        sum += queuedBytes(Files.readAllLines(Path.of(table)), port);
        read = true;
      } catch (NoSuchFileException e) {
        // no IPv6 table: fine
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }
    return read ? sum : -1;
  }

  /** The same over the lines of one table (header line included). */
  static long queuedBytes(List<String> lines, int port) {
    long sum = 0;
    for (int i = 1; i < lines.size(); i++) {
      // sl local_address rem_address st tx_queue:rx_queue ... (addresses and queues in hex)
      String[] f = lines.get(i).trim().split("\\s+");
      if (f.length < 5 || !f[3].equals(ESTABLISHED) || (portOf(f[1]) != port && portOf(f[2]) != port)) {
        continue;
      }
      int colon = f[4].indexOf(':');
      sum += Long.parseLong(f[4], 0, colon, 16) + Long.parseLong(f[4], colon + 1, f[4].length(), 16);
    }
    return sum;
  }

  private static int portOf(String address) {
    return Integer.parseInt(address, address.lastIndexOf(':') + 1, address.length(), 16);
  }
}
