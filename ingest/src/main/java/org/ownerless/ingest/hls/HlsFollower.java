package org.ownerless.ingest.hls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.ownerless.ingest.transcode.RenditionSpec;
import org.ownerless.ingest.transcode.SegmentReady;
import org.ownerless.ingest.transcode.SelectedRendition;
import org.ownerless.ingest.transcode.TranscodeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Another packager's HLS tree as a source of {@link TranscodeListener} events, in place of RTMP ingest
 * and ffmpeg: the renditions once every media playlist lists a segment, each newly listed segment as it
 * is taken, and the publisher stopping when every playlist has ENDLIST or none changed for
 * {@code stallTargets} target durations.
 *
 * <p>It polls (every 200 ms by default) rather than using a WatchService: inotify sees nothing on NFS,
 * SMB or some container volume mounts, packagers replace playlists by rename, and reading a few
 * kilobytes five times a second costs nothing next to the segment it finds. All events come from its
 * one thread, so each rendition's segments arrive in order.
 */
public final class HlsFollower implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HlsFollower.class);

  private final HlsInputConfig config;
  private final String stream;
  private final TranscodeListener listener;
  private final LongSupplier nanos;
  private final List<RenditionFollower> renditions = new ArrayList<>();
  private final List<double[]> clocks = new ArrayList<>();
  private Thread thread;
  private volatile boolean closed;
  private boolean waitingLogged;
  private String lastProblem;
  private boolean publishing;
  private long lastNewSegmentNanos;
  private int run;

  HlsFollower(HlsInputConfig config, String stream, TranscodeListener listener, LongSupplier nanos) {
    this.config = config;
    this.stream = stream;
    this.listener = listener;
    this.nanos = nanos;
  }

  /** Starts following on its own thread; returns at once (the directory may appear later). */
  public static HlsFollower start(HlsInputConfig config, String stream, TranscodeListener listener) throws IOException {
    Files.createDirectories(config.workDir());
    // Whatever a previous run left there was never signed, and names would clash with this run's.
    try (var old = Files.list(config.workDir())) {
      for (Path p : (Iterable<Path>) old::iterator) {
        Files.deleteIfExists(p);
      }
    }
    HlsFollower f = new HlsFollower(config, stream, listener, System::nanoTime);
    f.thread = new Thread(f::run, "hls-input-" + stream);
    f.thread.setDaemon(true);
    f.thread.start();
    return f;
  }

  private void run() {
    while (!closed) {
      try {
        tick();
        Thread.sleep(config.poll().toMillis());
      } catch (InterruptedException e) {
        return;
      } catch (IOException | RuntimeException e) {
        problem("reading " + config.dir() + " failed: " + e);
        try {
          Thread.sleep(Duration.ofSeconds(1).toMillis());
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /** One poll: discovery until the renditions are known, then every playlist once. */
  void tick() throws IOException, InterruptedException {
    if (renditions.isEmpty() && !decideRenditions()) {
      return;
    }
    boolean any = false;
    for (int i = 0; i < renditions.size(); i++) {
      RenditionFollower r = renditions.get(i);
      for (TakenSegment t : r.poll(true)) {
        any = true;
        emit(r, clocks.get(i), t);
      }
    }
    long now = nanos.getAsLong();
    if (any) {
      lastNewSegmentNanos = now;
      return;
    }
    if (publishing && (allEnded() || now - lastNewSegmentNanos > stallNanos())) {
      publishing = false;
      log.info("{}: the packager {}; the publisher is treated as stopped", stream,
          allEnded() ? "ended its playlists (EXT-X-ENDLIST)" : "stopped listing new segments");
      listener.onPublisherChange(stream, false);
    }
  }

  private void emit(RenditionFollower r, double[] clock, TakenSegment t) {
    if (!publishing) {
      publishing = true;
      listener.onPublisherChange(stream, true);
    }
    if (t.discontinuity()) {
      run++;
    }
    double start = clock[0];
    clock[0] += t.seconds();
    listener.onSegment(stream, new SegmentReady(r.name(), t.file(), start, clock[0], run, t.init()), t.discontinuity());
  }

  private boolean allEnded() {
    return renditions.stream().allMatch(RenditionFollower::ended);
  }

  private long stallNanos() {
    double target = renditions.stream().mapToDouble(RenditionFollower::targetSeconds).max().orElse(2);
    return (long) (config.stallTargets() * target * 1e9);
  }

  /** True once the tree lists a segment in every media playlist and the renditions were reported. */
  private boolean decideRenditions() throws IOException, InterruptedException {
    Path dir = config.dir();
    if (!Files.isDirectory(dir)) {
      if (!waitingLogged) {
        log.info("{}: waiting for {} to appear (the packager creates it when a publisher starts)", stream, dir);
        waitingLogged = true;
      }
      return false;
    }
    List<FollowedPlaylist> found;
    try {
      found = TreeLayout.discover(dir);
    } catch (PlaylistException e) {
      problem(e.getMessage());
      return false;
    }
    List<SelectedRendition> selected = new ArrayList<>();
    for (FollowedPlaylist f : found) {
      SelectedRendition s = describe(f);
      if (s == null) {
        return false; // no segment listed yet: wait for this rendition too
      }
      selected.add(s);
    }
    if (selected.isEmpty()) {
      return false;
    }
    for (FollowedPlaylist f : found) {
      renditions.add(new RenditionFollower(f.name(), dir, f.playlist(), config.workDir()));
      clocks.add(new double[1]);
    }
    log.info("{}: following {} rendition(s) under {}: {}", stream, selected.size(), dir,
        selected.stream().map(s -> s.name() + " " + s.width() + "x" + s.height() + " " + s.codecs()).toList());
    listener.onRenditions(stream, selected);
    return true;
  }

  /** The variant's attributes, completed from its first listed segment; null if it lists none yet. */
  private SelectedRendition describe(FollowedPlaylist f) throws IOException, InterruptedException {
    MediaPlaylist p;
    try {
      p = MediaPlaylist.parse(TreeFiles.readPlaylist(f.playlist()));
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    } catch (PlaylistException e) {
      problem(f.playlist().getFileName() + ": " + e.getMessage());
      return null;
    }
    if (p.segments().isEmpty()) {
      return null;
    }
    Variant v = f.variant() != null ? f.variant() : new Variant(null, -1, -1, -1, null);
    // The newest: the oldest may be the next the packager's cleanup deletes.
    ListedSegment first = p.segments().get(p.segments().size() - 1);
    int width = v.width();
    int height = v.height();
    String codecs = v.codecs();
    long bandwidth = v.bandwidth();
    try {
      Path seg = TreeFiles.resolve(config.dir(), f.playlist().getParent(), first.uri());
      if (width < 0 || codecs == null) {
        Path init = first.mapUri() == null ? null : TreeFiles.resolve(config.dir(), f.playlist().getParent(), first.mapUri());
        ProbedMedia m = SegmentProbe.probe(config.ffprobe(), seg, init, Duration.ofSeconds(10));
        width = width < 0 ? m.width() : width;
        height = height < 0 ? m.height() : height;
        codecs = codecs == null ? m.codecs() : codecs;
      }
      if (bandwidth < 1) {
        // Measured from one segment, with headroom: BANDWIDTH is a peak, one segment is an average.
        bandwidth = Math.max(1, Math.round(Files.size(seg) * 8 / Math.max(0.1, first.seconds()) * 1.25));
      }
    } catch (PlaylistException e) {
      problem(e.getMessage());
      return null;
    } catch (IOException e) {
      problem(f.name() + ": " + e.getMessage()); // e.g. the segment was cleaned up between reads: next poll
      return null;
    }
    try {
      return new SelectedRendition(new RenditionSpec(f.name(), 0, 0, 0), width, height, codecs, bandwidth);
    } catch (IllegalArgumentException e) {
      problem(f.name() + ": " + e.getMessage());
      return null;
    }
  }

  private void problem(String message) {
    if (!message.equals(lastProblem)) {
      log.warn("{}: {}", stream, message);
      lastProblem = message;
    }
  }

  @Override
  public void close() {
    closed = true;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
