package org.ownerless.app.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real nginx with the RTMP module, as a child process in a temporary directory: RTMP on a free
 * loopback port, application {@code live} writing HLS (1 s fragments, a 10 s playlist, old fragments
 * cleaned up) into {@code hlsPath}. Everything it writes (pid, log) stays in {@code dir}.
 */
public final class NginxRtmp implements AutoCloseable {
  public static final String MODULE = "/usr/lib/nginx/modules/ngx_rtmp_module.so";

  private final Process process;
  private final Path dir;
  public final int port;

  private NginxRtmp(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  public static NginxRtmp start(Path dir, Path hlsPath) throws IOException {
    Files.createDirectories(dir);
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String conf = """
        load_module %s;
        # The master runs as whoever runs the tests; workers writing HLS into a 0700 temp dir must be the same user.
        user %s;
        pid %s;
        error_log %s info;
        worker_processes 1;
        events { worker_connections 64; }
        rtmp {
          server {
            listen 127.0.0.1:%d;
            application live {
              live on;
              hls on;
              hls_path %s;
              hls_fragment 1s;
              hls_playlist_length 10s;
            }
          }
        }
        """.formatted(MODULE, System.getProperty("user.name"), dir.resolve("nginx.pid"), dir.resolve("error.log"),
        port, hlsPath);
    Path confFile = Files.writeString(dir.resolve("nginx.conf"), conf);
    Process p = new ProcessBuilder("nginx", "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
        "-c", confFile.toString(), "-g", "daemon off;")
        .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    NginxRtmp nginx = new NginxRtmp(p, dir, port);
    try {
      Waits.until(Duration.ofSeconds(20), () -> "nginx to accept RTMP on " + port + "; log:\n" + nginx.log(),
          () -> nginx.accepts());
    } catch (RuntimeException | Error e) {
      nginx.close();
      throw e;
    }
    return nginx;
  }

  public String rtmpUrl() {
    return "rtmp://127.0.0.1:" + port + "/live";
  }

  private boolean accepts() {
    if (!process.isAlive()) {
      throw new AssertionError("nginx exited with " + process.exitValue() + ":\n" + log());
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public String log() {
    try {
      return Files.readString(dir.resolve("stdout.log")) + readIfExists(dir.resolve("error.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static String readIfExists(Path p) throws IOException {
    return Files.exists(p) ? Files.readString(p) : "";
  }

  @Override
  public void close() {
    process.destroy(); // SIGTERM: nginx's fast shutdown, workers included
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
