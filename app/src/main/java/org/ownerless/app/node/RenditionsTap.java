package org.ownerless.app.node;

import java.util.List;
import org.ownerless.ingest.transcode.PartReady;
import org.ownerless.ingest.transcode.Progress;
import org.ownerless.ingest.transcode.SegmentReady;
import org.ownerless.ingest.transcode.SelectedRendition;
import org.ownerless.ingest.transcode.TranscodeListener;
import org.ownerless.protocol.model.Rendition;
import org.ownerless.protocol.model.StreamId;

/**
 * Passes everything the transcoder reports on to the manifest service, and the node's stream's
 * renditions to {@link OwnSwarms} first: the tracker then accepts the new swarms before the announce
 * that tells viewers about them is signed. What the ingest measured about the publisher and the
 * transcoder's pace goes to {@link CreatorAdvice} (the warnings board), not to the manifest.
 */
final class RenditionsTap implements TranscodeListener {
  private final StreamId stream;
  private final OwnSwarms swarms;
  private final TranscodeListener next;
  private final CreatorAdvice advice;

  RenditionsTap(StreamId stream, OwnSwarms swarms, TranscodeListener next, CreatorAdvice advice) {
    this.stream = stream;
    this.swarms = swarms;
    this.next = next;
    this.advice = advice;
  }

  @Override
  public void onKeyframeInterval(String name, double intervalSeconds, double limitSeconds, boolean tooLong) {
    advice.keyframeInterval(name, intervalSeconds, limitSeconds, tooLong);
  }

  @Override
  public void onRealtime(String name, double speed, boolean below) {
    advice.realtime(name, speed, below);
  }

  @Override
  public void onRenditions(String name, List<SelectedRendition> renditions) {
    if (name.equals(stream.name())) {
      swarms.renditions(stream, renditions.stream().map(SelectedRendition::toRendition).toList());
    }
    next.onRenditions(name, renditions);
  }

  @Override
  public void onSegment(String name, SegmentReady segment, boolean discontinuity) {
    next.onSegment(name, segment, discontinuity);
  }

  @Override
  public void onPart(String name, PartReady part) {
    next.onPart(name, part);
  }

  @Override
  public void onFfmpegExit(String name, int run, int exitCode, boolean crashed, List<String> stderrTail) {
    next.onFfmpegExit(name, run, exitCode, crashed, stderrTail);
  }

  @Override
  public void onProgress(String name, Progress progress) {
    next.onProgress(name, progress);
  }

  @Override
  public void onPublisherChange(String name, boolean publishing) {
    next.onPublisherChange(name, publishing);
  }
}
