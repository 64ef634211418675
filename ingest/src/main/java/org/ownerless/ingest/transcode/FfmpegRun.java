package org.ownerless.ingest.transcode;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.ownerless.ingest.cmaf.Mp4FormatException;
import org.ownerless.net.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ffmpeg process from start to exit. FLV bytes are queued (bounded) and written to stdin by a
 * dedicated thread, so a stalled ffmpeg can never block the network thread; stderr is drained into
 * the log and a tail; stdout carries progress; each rendition's FIFO reports finished segments.
 * All segment reports are delivered before {@link Listener#onExit} is called.
 */
final class FfmpegRun {
  private static final Logger log = LoggerFactory.getLogger(FfmpegRun.class);
  private static final byte[] END = new byte[0];
  /** How long a shutdown waits for the last segments to be hashed, signed and moved after ffmpeg exited. */
  private static final long EXIT_HANDOVER_MILLIS = 5_000;

  interface Listener {
    void onSegment(FfmpegRun run, SegmentReady segment);

    /** A part of a segment not yet complete (part mode only); before that segment's onSegment. */
    default void onPart(FfmpegRun run, PartReady part) {}

    void onProgress(FfmpegRun run, Progress progress);

    void onExit(FfmpegRun run, int exitCode, List<String> stderrTail);
  }

  private final int number;
  private final String stream;
  private final List<String> command;
  private final List<String> renditions;
  private final List<Path> renditionDirs;
  private final List<Path> fifos;
  private final SegmentFormat format;
  /** Per rendition, for fMP4 runs: splits each listed file into media segment and init. */
  private final Fmp4Segments[] fmp4;
  /** Part mode (LL-HLS): each FIFO carries a fragmented MP4 stream instead of a segment list; 0 = off. */
  private final double partSeconds;
  private final double segmentSeconds;
  private final Listener listener;
  private final BooleanSupplier quietStderr;
  private final long maxQueuedBytes;
  private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicBoolean finishing = new AtomicBoolean();
  private final StderrTail stderr = new StderrTail(40);
  private final long startedAtNanos = System.nanoTime();
  private volatile Process process;
  /** Runs after ffmpeg exits: lets the segment readers hand over the last segments, then reports the exit. */
  private volatile Thread exitWatcher;

  FfmpegRun(int number, String stream, List<String> command, List<String> renditions, List<Path> renditionDirs,
      List<Path> fifos, SegmentFormat format, long maxQueuedBytes, Listener listener, BooleanSupplier quietStderr) {
    this(number, stream, command, renditions, renditionDirs, fifos, format, 0, 0, maxQueuedBytes, listener,
        quietStderr);
  }

  /** With parts: {@code partSeconds} > 0 makes every FIFO a fragmented MP4 stream (FfmpegArgs' part mode). */
  FfmpegRun(int number, String stream, List<String> command, List<String> renditions, List<Path> renditionDirs,
      List<Path> fifos, SegmentFormat format, double segmentSeconds, double partSeconds, long maxQueuedBytes,
      Listener listener, BooleanSupplier quietStderr) {
    this.segmentSeconds = segmentSeconds;
    this.partSeconds = partSeconds;
    this.quietStderr = quietStderr;
    this.number = number;
    this.stream = stream;
    this.command = List.copyOf(command);
    this.renditions = List.copyOf(renditions);
    this.renditionDirs = List.copyOf(renditionDirs);
    this.fifos = List.copyOf(fifos);
    this.format = format;
    this.fmp4 = renditionDirs.stream().map(Fmp4Segments::new).toArray(Fmp4Segments[]::new);
    this.maxQueuedBytes = maxQueuedBytes;
    this.listener = listener;
  }

  int number() {
    return number;
  }

  long uptimeMillis() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAtNanos);
  }

  void start() throws IOException {
    for (Path fifo : fifos) {
      Files.deleteIfExists(fifo);
      Fifos.create(fifo);
    }
    Thread[] readers = new Thread[fifos.size()];
    for (int i = 0; i < fifos.size(); i++) {
      int index = i;
      readers[i] = daemon("ffmpeg-segments-" + stream + "-" + renditions.get(i),
          partSeconds > 0 ? () -> readPartStream(index) : () -> readSegmentList(index));
    }
    process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    log.debug("ffmpeg run {} for {}: {}", number, stream, String.join(" ", command));
    daemon("ffmpeg-stdin-" + stream, this::writeInput);
    daemon("ffmpeg-stderr-" + stream, this::drainStderr);
    daemon("ffmpeg-progress-" + stream, this::readProgress);
    exitWatcher = daemon("ffmpeg-exit-" + stream, () -> awaitExit(readers));
  }

  /** Queues FLV bytes for stdin; false (nothing queued) when the bound would be exceeded. */
  boolean offer(byte[] flvBytes) {
    if (finishing.get()) {
      return false;
    }
    if (queuedBytes.addAndGet(flvBytes.length) > maxQueuedBytes) {
      queuedBytes.addAndGet(-flvBytes.length);
      return false;
    }
    queue.add(flvBytes);
    return true;
  }

  /** Ends input after what is queued: ffmpeg then closes its last segments and exits on its own. */
  void finish() {
    if (finishing.compareAndSet(false, true)) {
      queue.add(END);
    }
  }

  /** Stops ffmpeg now (shutdown, or a publisher replaced mid-run). */
  void kill() {
    finish();
    Process p = process;
    if (p != null && p.isAlive()) {
      p.destroy();
      p.onExit().orTimeout(3, TimeUnit.SECONDS).whenComplete((ok, timeout) -> {
        if (timeout != null) {
          p.destroyForcibly();
        }
      });
    }
  }

  /**
   * Waits (bounded) until the ffmpeg process has exited and its last segments were handed over, so no
   * file is written after a shutdown returns: the segment readers move and sign what ffmpeg finished
   * in its last moments, and that must happen before the manifest and the data directory go away.
   */
  void awaitExit(long millis) {
    Process p = process;
    if (p == null) {
      return;
    }
    try {
      if (!p.waitFor(millis, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
      }
      Thread watcher = exitWatcher;
      if (watcher != null && watcher != Thread.currentThread()) {
        watcher.join(EXIT_HANDOVER_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean isFinishing() {
    return finishing.get();
  }

  private void writeInput() {
    try (OutputStream stdin = process.getOutputStream()) {
      while (true) {
        byte[] chunk = queue.take();
        if (chunk == END) {
          return;
        }
        queuedBytes.addAndGet(-chunk.length);
        stdin.write(chunk);
        if (queue.isEmpty()) {
          stdin.flush();
        }
      }
    } catch (IOException e) {
      log.debug("ffmpeg stdin closed for {}: {}", stream, e.getMessage()); // ffmpeg exited; awaitExit reports it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      queue.clear();
      queuedBytes.set(0);
    }
  }

  private void drainStderr() {
    try (BufferedReader r = reader(process.getErrorStream())) {
      for (String line; (line = r.readLine()) != null; ) {
        stderr.add(line);
        // ffmpeg echoes what the publisher sent (metadata strings): escaped like any network text.
        // While crash-looping every run says the same; the crash-loop line quotes the last of it.
        if (quietStderr.getAsBoolean()) {
          log.debug("ffmpeg [{}]: {}", stream, LogText.quote(line));
        } else {
          log.warn("ffmpeg [{}]: {}", stream, LogText.quote(line));
        }
      }
    } catch (IOException e) {
      // process gone
    }
  }

  private void readProgress() {
    Map<String, String> block = new HashMap<>();
    try (BufferedReader r = reader(process.getInputStream())) {
      for (String line; (line = r.readLine()) != null; ) {
        int eq = line.indexOf('=');
        if (eq <= 0) {
          continue;
        }
        String key = line.substring(0, eq);
        block.put(key, line.substring(eq + 1));
        if (key.equals("progress")) {
          listener.onProgress(this, Progress.from(block));
          block.clear();
        }
      }
    } catch (IOException e) {
      // process gone
    }
  }

  /**
   * Part mode: cuts the rendition's fragmented MP4 as it arrives. A stream the cutter cannot follow,
   * or cannot write out, ends the run (it is restarted like a crash): ffmpeg would otherwise block on
   * a FIFO nobody reads, and with it every other rendition.
   */
  private void readPartStream(int index) {
    String rendition = renditions.get(index);
    Fmp4PartStream cut = new Fmp4PartStream(renditionDirs.get(index), rendition, number, segmentSeconds,
        partSeconds, new Fmp4PartStream.Sink() {
          @Override
          public void part(PartReady part) {
            deliver("part", rendition, () -> listener.onPart(FfmpegRun.this, part));
          }

          @Override
          public void segment(SegmentReady segment) {
            deliver("segment", rendition, () -> listener.onSegment(FfmpegRun.this, segment));
          }
        });
    try (InputStream in = Files.newInputStream(fifos.get(index))) {
      cut.read(in);
    } catch (Mp4FormatException e) {
      log.error("{}/{}: ffmpeg's fragmented MP4 cannot be cut into parts ({}); restarting the run", stream,
          rendition, e.getMessage());
      kill();
    } catch (IOException e) {
      // Cut off by ffmpeg's end, or a segment that could not be written (a full disk): either way
      // nobody reads this FIFO any more, so the run must not go on (a killed run is a no-op).
      log.warn("fragmented MP4 stream of {}/{} failed: {}", stream, rendition, e.getMessage());
      kill();
    }
  }

  /** A listener that fails is logged; the stream goes on with the next part or segment. */
  private void deliver(String what, String rendition, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.error("{} listener failed for {}/{}", what, stream, rendition, e);
    }
  }

  private void readSegmentList(int index) {
    Path fifo = fifos.get(index);
    try (BufferedReader r = Files.newBufferedReader(fifo, StandardCharsets.US_ASCII)) {
      for (String line; (line = r.readLine()) != null; ) {
        String[] f = line.split(",");
        if (f.length != 3) {
          log.warn("unexpected segment list line from ffmpeg for {}/{}: {}", stream, renditions.get(index), line);
          continue;
        }
        Path file = renditionDirs.get(index).resolve(Path.of(f[0]).getFileName());
        Path init = null;
        if (format == SegmentFormat.FMP4) {
          Fmp4Segments.Split split = splitFmp4(file, index);
          if (split == null) {
            continue;
          }
          file = split.media();
          init = split.init();
        } else if (halfWritten(file, index)) {
          continue;
        }
        try {
          listener.onSegment(this, new SegmentReady(renditions.get(index), file,
              Double.parseDouble(f[1]), Double.parseDouble(f[2]), number, init));
        } catch (NumberFormatException e) {
          log.warn("unexpected segment times from ffmpeg: {}", line);
        } catch (RuntimeException e) {
          log.error("segment listener failed for {}/{}", stream, renditions.get(index), e);
        }
      }
    } catch (IOException e) {
      log.warn("segment list of {}/{} failed: {}", stream, renditions.get(index), e.getMessage());
    }
  }

  /**
   * A segment ffmpeg failed to write (it lists those too) is dropped here, never reported as ready.
   * Logged at debug only: the write error ends the run, and the run's exit is what gets said.
   */
  private boolean halfWritten(Path file, int index) {
    String problem;
    try {
      problem = WholeTsFile.problem(file);
    } catch (IOException e) {
      problem = "unreadable: " + e.getMessage();
    }
    if (problem == null) {
      return false;
    }
    drop(file, index, problem);
    return true;
  }

  /** The media segment and init of a listed fMP4 file, or null when it was not whole (then dropped). */
  private Fmp4Segments.Split splitFmp4(Path file, int index) {
    try {
      return fmp4[index].split(file);
    } catch (Fmp4Split.NotWhole e) {
      drop(file, index, e.getMessage());
    } catch (IOException e) {
      drop(file, index, "unreadable: " + e.getMessage());
    }
    return null;
  }

  private void drop(Path file, int index, String problem) {
    log.debug("ffmpeg run {} of {}/{} listed {} but did not finish writing it ({}); dropped", number, stream,
        renditions.get(index), file.getFileName(), problem);
    try {
      Files.deleteIfExists(file); // on a full disk every byte counts
    } catch (IOException e) {
      log.debug("cannot delete {}: {}", file, e.getMessage());
    }
  }

  private void awaitExit(Thread[] readers) {
    int code;
    try {
      code = process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    finish();
    for (int i = 0; i < readers.length; i++) {
      releaseReader(fifos.get(i), readers[i]);
    }
    listener.onExit(this, code, stderr.lines());
  }

  /**
   * A FIFO reader blocks in open() until a writer appears; if ffmpeg died before opening it, we
   * open it for writing ourselves so the reader sees end-of-file instead of hanging forever.
   */
  private static void releaseReader(Path fifo, Thread reader) {
    try {
      reader.join(200);
      if (reader.isAlive()) {
        Thread opener = new Thread(() -> {
          try (FileOutputStream ignored = new FileOutputStream(fifo.toFile())) {
            // open and close: delivers EOF
          } catch (IOException e) {
            // reader already gone
          }
        }, "fifo-release");
        opener.setDaemon(true);
        opener.start();
        reader.join(2000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static BufferedReader reader(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
