package org.ownerless.bench.tracker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the server process's memory from outside: VmRSS from /proc, live JVM heap via jcmd. */
final class ServerProbe {
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
  private final long pid;

  ServerProbe(long pid) {
    this.pid = pid;
  }

  /** Resident set size in KiB, or -1 if unknown. */
  long rssKb() {
    if (pid <= 0) return -1;
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** CPU time (user + system) the process has used, in seconds, or -1 if unknown. */
  static double cpuSeconds(long pid) {
    if (pid <= 0) return -1;
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the parenthesised command name (which may contain spaces): utime is the 12th, stime the 13th.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** USER_HZ: 100 on every Linux this runs on (the kernel reports /proc times in it). */
  private static final int CLOCK_TICKS = 100;

  double cpuSeconds() {
    return cpuSeconds(pid);
  }

  /**
   * Live heap in KiB after a full GC (what the peers really retain, not garbage), or -1 when jcmd
   * is missing or the process is not a JVM. Sums the "used" of the first heap line per collector.
   */
  long liveHeapKb() {
    if (pid <= 0) return -1;
    try {
      run("GC.run");
      String out = run("GC.heap_info");
      Matcher m = HEAP_USED.matcher(out);
      return m.find() ? Long.parseLong(m.group(1)) : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private String run(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
    return new String(out, StandardCharsets.UTF_8);
  }
}
