package org.ownerless.ingest.transcode;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.ownerless.ingest.flv.AacAudioConfig;
import org.ownerless.ingest.flv.AudioTagHeader;
import org.ownerless.ingest.flv.FlvFormatException;
import org.ownerless.ingest.flv.FlvWriter;
import org.ownerless.ingest.flv.VideoTagHeader;
import org.ownerless.net.Directories;
import org.ownerless.net.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervises one stream's ffmpeg runs: starts a run when the publisher's media allows it, feeds it
 * through {@link FlvRemux} (which makes every run — after a publisher reconnect or an ffmpeg crash —
 * start with the headers, on a keyframe), restarts crashed runs with back-off while the publisher is
 * connected, and marks the first segment of every run after the first as a discontinuity.
 * Thread-safe.
 */
public final class StreamTranscoder {
  private static final Logger log = LoggerFactory.getLogger(StreamTranscoder.class);

  private final String stream;
  private final TranscodeConfig config;
  private final TranscodeListener listener;
  private final RestartBackoff backoff;
  private final CrashLoop crashLoop = new CrashLoop();
  private final Path streamWorkDir;
  private final FlvRemux remux;

  private SourceInfo source;
  private List<SelectedRendition> renditions;

  private FfmpegRun run;
  private int runCount;
  private boolean publishing;
  private long notBeforeNanos;
  private boolean overflowWarned;
  private final Map<Integer, Set<String>> discontinuityPending = new HashMap<>();
  private volatile Progress progress = Progress.NONE;
  private final InputCadence cadence = new InputCadence();
  private final AudioTimeline audioTimeline = new AudioTimeline();
  private final InputBitrate bitrate = new InputBitrate();
  private final KeyframeIntervalCheck keyframeCheck;
  private final RealtimeCheck realtimeCheck = new RealtimeCheck();
  /** Every run whose ffmpeg has not exited yet: the current one and any still closing its last segments. */
  private final Set<FfmpegRun> unfinished = new HashSet<>();

  public StreamTranscoder(String stream, TranscodeConfig config, TranscodeListener listener) {
    this.stream = stream;
    this.config = config;
    this.listener = listener;
    this.backoff = new RestartBackoff(config.maxRestartDelay());
    this.streamWorkDir = config.workDir().resolve(stream);
    this.remux = new FlvRemux(stream);
    this.keyframeCheck = new KeyframeIntervalCheck(config.segmentSeconds());
  }

  public void publisherStarted() {
    synchronized (this) {
      publishing = true;
      remux.waitForKeyframe();
      cadence.restart();
      bitrate.restart();
      audioTimeline.restart();
    }
    listener.onPublisherChange(stream, true);
  }

  /** The publisher left: ffmpeg gets end-of-input, writes its last segments and exits. */
  public void publisherStopped() {
    synchronized (this) {
      publishing = false;
      remux.waitForKeyframe();
      if (run != null) {
        run.finish();
      }
    }
    listener.onPublisherChange(stream, false);
  }

  /** Stops ffmpeg and returns once it has exited (at most a few seconds): a closed node writes nothing more. */
  public void close() {
    List<FfmpegRun> stopping;
    synchronized (this) {
      publishing = false;
      stopping = List.copyOf(unfinished);
      stopping.forEach(FfmpegRun::kill);
    }
    for (FfmpegRun r : stopping) {
      r.awaitExit(3000);
    }
  }

  public synchronized List<SelectedRendition> renditions() {
    return renditions == null ? List.of() : renditions;
  }

  /** Whether ffmpeg is crash-looping, and why (for the node's metrics). */
  public CrashLoop.Status crashLoop() {
    return crashLoop.status();
  }

  public synchronized boolean isRunning() {
    return run != null;
  }

  /** ffmpeg's latest progress report: frames, output time, speed relative to real time. */
  public Progress progress() {
    return progress;
  }

  /** The incoming stream and the transcoder as the creator should see them (metrics, studio page). */
  public synchronized IngestHealth health() {
    Progress p = progress;
    return new IngestHealth(cadence.keyframeIntervalSeconds(), cadence.fps(), bitrate.bitsPerSecond(),
        cadence.framesDropped(), keyframeCheck.tooLong(), p.speed(), realtimeCheck.below());
  }

  /** A ladder slower than real time falls behind the publisher until media is dropped: say so (once per change). */
  private void observe(Progress p) {
    progress = p;
    if (realtimeCheck.changed(p)) {
      listener.onRealtime(stream, p.speed(), realtimeCheck.below());
    }
  }

  /** onMetaData from the publisher, already encoded as an FLV script tag body ("onMetaData", ECMA array). */
  public synchronized void onMetadata(byte[] scriptTagBody, int totalKbps) {
    remux.metadata(scriptTagBody, totalKbps);
  }

  /** A tag-header parser; a malformed header is the publisher's problem, not a reason to stop. */
  @FunctionalInterface
  private interface TagHeaderParser<T> {
    T parse(ByteBuf payload) throws FlvFormatException;
  }

  /** The parsed header, or null (logged at debug) when a malformed message is to be dropped. */
  private <T> T parsedOrNull(String kind, ByteBuf payload, TagHeaderParser<T> parser) {
    try {
      return parser.parse(payload);
    } catch (FlvFormatException e) {
      log.debug("dropping malformed {} message on {}: {}", kind, stream, e.getMessage());
      return null;
    }
  }

  public synchronized void onVideo(long timestamp, ByteBuf payload) throws UnsupportedMediaException {
    VideoTagHeader header = parsedOrNull("video", payload, VideoTagHeader::parse);
    if (header == null) {
      return;
    }
    if (header.isEnhanced() || !"avc1".equals(header.codec())) {
      throw new UnsupportedMediaException("video codec " + header.codec() + " is not supported"
          + (header.isEnhanced() ? " (Enhanced RTMP)" : "") + "; publish H.264 (x264/NVENC/QSV H.264 in OBS)");
    }
    if (header.isSequenceHeader()) {
      acceptAvcSequenceHeader(ByteBufUtil.getBytes(payload));
      return;
    }
    cadence.frame(timestamp, header.isKeyframe());
    bitrate.add(timestamp, payload.readableBytes());
    if (header.isKeyframe() && keyframeCheck.changed(cadence)) {
      keyframeIntervalChanged(timestamp);
    }
    if (remux.waitingForKeyframe()) {
      if (!header.isKeyframe() || !startRun(timestamp)) {
        return;
      }
    }
    if (run != null) {
      enqueue(FlvWriter.TAG_VIDEO, timestamp, payload);
    }
  }

  public synchronized void onAudio(long timestamp, ByteBuf payload) throws UnsupportedMediaException {
    AudioTagHeader header = parsedOrNull("audio", payload, AudioTagHeader::parse);
    if (header == null) {
      return;
    }
    if (!header.isAac()) {
      throw new UnsupportedMediaException("audio format " + header.soundFormat() + " is not supported; publish AAC");
    }
    if (header.isSequenceHeader()) {
      byte[] tag = ByteBufUtil.getBytes(payload);
      remux.audioSequenceHeader(tag);
      audioTimeline.sampleRate(coreSampleRate(tag));
      return;
    }
    bitrate.add(timestamp, payload.readableBytes());
    long stamp = audioTimeline.stamp(timestamp); // every frame counts, written or not
    if (run != null && remux.passesAudio()) {
      enqueue(FlvWriter.TAG_AUDIO, stamp, payload);
    }
  }

  /** The AAC core sample rate an audio sequence header (a whole tag body) gives; 0 if unreadable. */
  private static int coreSampleRate(byte[] tag) {
    if (tag.length <= 2) {
      return 0;
    }
    try {
      return AacAudioConfig.parse(Arrays.copyOfRange(tag, 2, tag.length)).coreSampleRate();
    } catch (FlvFormatException e) {
      return 0; // describeSource says so once, when it leaves the audio out
    }
  }

    /**
   * The source copy can only be cut at the publisher's keyframes: while they are too far apart the
   * {@code src} rendition is encoded again with keyframes at the segment length, and copied again
   * once the publisher fixed it. The switch happens on this keyframe, so the new run starts here and
   * the old one ends here; the renditions (their codecs) are announced again before the new run's
   * first segment.
   */
  private void keyframeIntervalChanged(long timestamp) {
    boolean tooLong = keyframeCheck.tooLong();
    listener.onKeyframeInterval(stream, cadence.keyframeIntervalSeconds(), keyframeCheck.limitSeconds(), tooLong);
    if (source == null || config.ladder().rungs().stream().noneMatch(RenditionSpec::isCopy)) {
      return;
    }
    log.info("{}: {} the src rendition from this keyframe on", stream, tooLong ? "re-encoding" : "copying");
    if (run != null) {
      run.finish();
      run = null;
    }
    remux.waitForKeyframe(); // the caller starts the next run on this very keyframe
  }

  private void acceptAvcSequenceHeader(byte[] tag) {
    if (remux.videoSequenceHeader(tag) && run != null) {
      // New SPS/PPS mid-stream (encoder settings changed): restart ffmpeg on the next keyframe.
      log.info("{}: video parameters changed, restarting the transcoder", stream);
      run.finish();
      remux.waitForKeyframe();
    }
  }

  /** Starts an ffmpeg run on this keyframe if everything needed is known; true if a run is active. */
  private boolean startRun(long timestamp) {
    if (run != null || !publishing || !remux.hasVideoSequenceHeader() || System.nanoTime() < notBeforeNanos) {
      return false;
    }
    SourceInfo info;
    try {
      info = remux.describeSource();
    } catch (FlvFormatException e) {
      log.warn("{}: cannot read the video sequence header ({}); waiting for a valid one", stream, e.getMessage());
      return false;
    }
    if (source == null) {
      source = info;
    }
    List<SelectedRendition> wanted = config.ladder().select(source, keyframeCheck.tooLong());
    if (!wanted.equals(renditions)) {
      renditions = wanted;
      listener.onRenditions(stream, renditions);
    }
    boolean runHasAudio = info.hasAudio();
    int number = ++runCount;
    Path runDir = streamWorkDir.resolve("run-" + number);
    List<Path> dirs = new ArrayList<>();
    List<Path> fifos = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try {
      for (SelectedRendition r : renditions) {
        Path dir = runDir.resolve(r.name());
        Files.createDirectories(dir);
        dirs.add(dir);
        fifos.add(runDir.resolve(r.name() + (config.hasParts() ? ".mp4" : ".list"))); // a stream, or a list
        names.add(r.name());
      }
      List<String> command = new ArrayList<>();
      if (config.niceness() > 0) {
        command.addAll(List.of("nice", "-n", String.valueOf(config.niceness())));
      }
      command.addAll(FfmpegArgs.build(config.ffmpeg(), renditions, runHasAudio, config.segmentSeconds(),
          config.segmentFormat(), config.partSeconds(), dirs, fifos));
      FfmpegRun next = new FfmpegRun(number, stream, command, names, dirs, fifos, config.segmentFormat(),
          config.segmentSeconds(), config.partSeconds(), config.maxQueuedBytes(),
          new RunListener(runDir), crashLoop::looping);
      next.start();
      run = next;
      unfinished.add(next);
    } catch (IOException e) {
      boolean alreadySaid = crashLoop.looping();
      crashLoop.crashed(-1, List.of(String.valueOf(e.getMessage())), System.nanoTime());
      if (!alreadySaid) {
        log.error("{}: cannot start ffmpeg ({}); is it installed? (Debian: apt-get install -y ffmpeg)", stream,
            e.getMessage());
      }
      notBeforeNanos = System.nanoTime() + backoff.nextDelay(0) * 1_000_000;
      return false;
    }
    if (number > 1) {
      discontinuityPending.put(number, new HashSet<>(names));
    }
    overflowWarned = false;
    run.offer(remux.begin(timestamp, runHasAudio));
    if (crashLoop.looping()) {
      log.debug("{}: ffmpeg run {} started", stream, number); // the crash-loop line said restarts follow
    } else {
      log.info("{}: ffmpeg run {} started ({}x{} {}{}, renditions {})", stream, number, info.width(), info.height(),
          info.videoCodecs(), runHasAudio ? " + " + info.audioCodecs() : ", no audio", names);
    }
    return true;
  }

  private void enqueue(int type, long timestamp, ByteBuf payload) {
    if (!run.offer(FlvRemux.tag(type, timestamp, payload))) {
      // ffmpeg is not keeping up: drop to the next keyframe rather than buffer without bound.
      remux.waitForKeyframe();
      if (run.isFinishing()) {
        return; // not full: ending (it exited, or was asked to), and its exit is reported on its own
      }
      if (!overflowWarned) {
        overflowWarned = true;
        log.warn("{}: ffmpeg input queue full ({} bytes); dropping media until the next keyframe", stream,
            config.maxQueuedBytes());
      }
    }
  }

  private synchronized void runEnded(FfmpegRun ended, int exitCode, List<String> tail, Path runDir) {
    unfinished.remove(ended);
    boolean crashed = !ended.isFinishing() || exitCode != 0;
    if (run == ended) {
      run = null;
      remux.waitForKeyframe();
    }
    discontinuityPending.remove(ended.number());
    if (crashed && publishing) {
      long delay = backoff.nextDelay(ended.uptimeMillis());
      notBeforeNanos = System.nanoTime() + delay * 1_000_000;
      boolean alreadySaid = crashLoop.looping();
      if (crashLoop.crashed(exitCode, tail, System.nanoTime())) {
        log.error("{}: the transcoder is crash-looping: ffmpeg exited {} times in a row without producing a segment,"
            + " last with code {}: {}; restarting with back-off (at most every {} s); no segments are published"
            + " until it recovers", stream, CrashLoop.LOOPING_AFTER, exitCode,
            tail.isEmpty() ? "(no output)" : LogText.quote(tail.get(tail.size() - 1)), backoff.maxDelaySeconds());
      } else if (alreadySaid) {
        log.debug("{}: ffmpeg run {} exited with code {}; restarting in {} ms", stream, ended.number(), exitCode, delay);
      } else {
        log.error("{}: ffmpeg run {} exited with code {}; restarting in {} ms. Last output: {}", stream, ended.number(),
            exitCode, delay, tail.isEmpty() ? "(none)" : String.join(" | ", tail.subList(Math.max(0, tail.size() - 5),
                tail.size()).stream().map(LogText::quote).toList()));
      }
    } else {
      log.info("{}: ffmpeg run {} finished", stream, ended.number());
    }
    Directories.deleteQuietly(runDir);
    listener.onFfmpegExit(stream, ended.number(), exitCode, crashed, tail);
  }

  private synchronized boolean takeDiscontinuity(int runNumber, String rendition) {
    Set<String> pending = discontinuityPending.get(runNumber);
    return pending != null && pending.remove(rendition);
  }

  /** Bridges one run's callbacks back to this stream; segment callbacks are not under the stream lock. */
  private final class RunListener implements FfmpegRun.Listener {
    private final Path runDir;

    RunListener(Path runDir) {
      this.runDir = runDir;
    }

    @Override
    public void onSegment(FfmpegRun r, SegmentReady segment) {
      long outageNanos = crashLoop.delivered(System.nanoTime());
      if (outageNanos >= 0) {
        log.info("{}: the transcoder recovered: segments flow again after a crash loop of {} s", stream,
            TimeUnit.NANOSECONDS.toSeconds(outageNanos));
      }
      listener.onSegment(stream, segment, takeDiscontinuity(r.number(), segment.rendition()));
    }

    @Override
    public void onPart(FfmpegRun r, PartReady part) {
      listener.onPart(stream, part);
    }

    @Override
    public void onProgress(FfmpegRun r, Progress p) {
      observe(p);
      listener.onProgress(stream, p);
    }

    @Override
    public void onExit(FfmpegRun r, int exitCode, List<String> stderrTail) {
      runEnded(r, exitCode, stderrTail, runDir);
    }
  }
}
