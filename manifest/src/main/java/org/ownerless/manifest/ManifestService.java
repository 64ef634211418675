package org.ownerless.manifest;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.ownerless.ingest.transcode.PartReady;
import org.ownerless.ingest.transcode.SegmentReady;
import org.ownerless.ingest.transcode.SelectedRendition;
import org.ownerless.ingest.transcode.TranscodeListener;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.Names;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.model.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Manifest Service: receives the ingest's "segment complete" events and turns them into signed,
 * published logs; keeps each stream's announce current (live, ended, renditions, before expiry).
 */
public final class ManifestService implements TranscodeListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ManifestService.class);
  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

  private final Signer signer;
  private final ManifestConfig config;
  private final PublishListener listener;
  private final SigningClock clock;
  private final Map<String, StreamPublisher> streams = new ConcurrentHashMap<>();
  private final Map<String, ScheduledFuture<?>> endTimers = new ConcurrentHashMap<>();
  private final PublishOutage outage;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "manifest-scheduler");
    t.setDaemon(true);
    return t;
  });

  public ManifestService(Signer signer, ManifestConfig config, PublishListener listener) {
    this(signer, config, listener, SigningClock.system());
  }

  /** With the clock that dates what is signed (tests step its wall clock). */
  public ManifestService(Signer signer, ManifestConfig config, PublishListener listener, SigningClock clock) {
    this.signer = signer;
    this.config = config;
    this.listener = listener;
    this.outage = new PublishOutage(config.dataDir());
    this.clock = clock;
    scheduler.scheduleWithFixedDelay(this::refreshAnnounces, 5, 5, TimeUnit.SECONDS);
  }

  /** Opens a stream now (publishing its announce and continuing any logs on disk) rather than at first publish. */
  public StreamId open(String name) throws IOException {
    return stream(name).id();
  }

  public long epoch(String name) throws IOException {
    return stream(name).epoch();
  }

  private StreamPublisher stream(String name) throws IOException {
    if (!Names.isStreamName(name)) {
      throw new IllegalArgumentException("invalid stream name '" + name + "'");
    }
    StreamPublisher s = streams.get(name);
    if (s != null) {
      return s;
    }
    synchronized (streams) {
      s = streams.get(name);
      if (s == null) {
        s = new StreamPublisher(signer, name, config, clock);
        streams.put(name, s);
      }
      return s;
    }
  }

  @Override
  public void onRenditions(String stream, List<SelectedRendition> renditions) {
    try {
      stream(stream).onRenditions(renditions);
    } catch (IOException e) {
      outage.failed(stream, e);
    }
  }

  @Override
  public void onSegment(String stream, SegmentReady segment, boolean discontinuity) {
    long start = System.nanoTime();
    long cpuStart = CPU.getCurrentThreadCpuTime();
    try {
      SegmentEntry entry = stream(stream).onSegment(segment.rendition(), segment.file(), segment.initFile(),
          segment.durationUs(),
          discontinuity);
      outage.published(stream);
      listener.onPublished(stream, segment.rendition(), entry, System.nanoTime() - start,
          CPU.getCurrentThreadCpuTime() - cpuStart);
    } catch (IOException e) {
      outage.failed(stream, e); // if its entry made it into the log, the next root that can be written signs it
    } catch (RuntimeException e) {
      log.error("{}/{}: segment {} could not be signed and published: {}", stream, segment.rendition(),
          segment.file().getFileName(), e.toString());
    }
  }

  /**
   * A part of a segment in progress: published and signed into a root of the current size (the
   * segment itself follows through {@link #onSegment}). A failure costs this part only.
   */
  @Override
  public void onPart(String stream, PartReady part) {
    try {
      stream(stream).onPart(part.rendition(), part.bytes(), part.initFile(), part.durationUs(), part.independent(),
          part.index());
    } catch (IOException e) {
      outage.failed(stream, e);
    } catch (RuntimeException e) {
      log.error("{}/{}: part {} of a segment could not be signed and published: {}", stream, part.rendition(),
          part.index(), e.toString());
    }
  }

  @Override
  public void onFfmpegExit(String stream, int run, int exitCode, boolean crashed, List<String> stderrTail) {
    outage.ffmpegExited(stream, crashed, stderrTail);
  }

  @Override
  public void onPublisherChange(String stream, boolean publishing) {
    ScheduledFuture<?> pending = endTimers.remove(stream);
    if (pending != null) {
      pending.cancel(false);
    }
    try {
      if (publishing) {
        stream(stream).live();
      } else {
        // OBS reconnects within seconds; only a longer absence ends the stream.
        endTimers.put(stream, scheduler.schedule(() -> end(stream), config.endAfter().toMillis(), TimeUnit.MILLISECONDS));
      }
    } catch (IOException e) {
      outage.failed(stream, e);
    }
  }

  private void end(String stream) {
    try {
      stream(stream).end();
    } catch (IOException e) {
      outage.failed(stream, e);
    }
  }

  private void refreshAnnounces() {
    for (StreamPublisher s : streams.values()) {
      try {
        if (s.refreshAnnounce()) {
          outage.published(s.id().name());
        }
      } catch (IOException e) {
        outage.failed(s.id().name(), e);
      } catch (RuntimeException e) {
        log.error("{}: cannot re-sign the announce: {}", s.id().name(), e.toString());
      }
    }
  }

  /** Ends every stream (the announce says so) and closes the logs. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    for (StreamPublisher s : streams.values()) {
      try {
        s.close();
      } catch (IOException e) {
        log.error("{}: error while closing: {}", s.id().name(), e.getMessage());
      }
    }
  }
}
