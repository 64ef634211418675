package org.ownerless.ingest.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.ownerless.ingest.transcode.SegmentReady;
import org.ownerless.ingest.transcode.SelectedRendition;
import org.ownerless.ingest.transcode.TranscodeListener;
import org.ownerless.protocol.io.AtomicFiles;
import org.ownerless.protocol.layout.Digits;
import org.ownerless.protocol.layout.MasterPlaylist;
import org.ownerless.protocol.layout.MediaPlaylist;
import org.ownerless.protocol.layout.PlaylistEntry;
import org.ownerless.protocol.layout.StreamLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain (unsigned) HLS output, for the ingest's own tests and its benchmark against nginx-rtmp
 * (which writes plain HLS too): moves each finished segment to {@code REND/seg-NNNNNN.ts}, then
 * rewrites that rendition's playlist, and writes the master playlist when the ladder is known.
 * The segment is in place before any playlist names it, and every file appears atomically. A node
 * publishes through the manifest service instead; this sink only shares the layout's playlists.
 */
public final class HlsPublisher implements TranscodeListener {
  private static final Logger log = LoggerFactory.getLogger(HlsPublisher.class);

  private final Function<String, Path> streamDir;
  private final int windowSize;
  private final double segmentSeconds;
  private final Map<String, RenditionOutput> outputs = new ConcurrentHashMap<>();
  private final List<Consumer<SegmentPublished>> subscribers = new CopyOnWriteArrayList<>();

  public HlsPublisher(Function<String, Path> streamDir, int windowSize, double segmentSeconds) {
    this.streamDir = streamDir;
    this.windowSize = windowSize;
    this.segmentSeconds = segmentSeconds;
  }

  /** The "segment N of rendition R is complete" event, for whoever needs it (tests, metrics). */
  public void subscribe(Consumer<SegmentPublished> subscriber) {
    subscribers.add(subscriber);
  }

  public static String segmentName(long index) {
    return "seg-" + Digits.zeroPadded(index, 6) + ".ts";
  }

  @Override
  public void onRenditions(String stream, List<SelectedRendition> renditions) {
    try {
      AtomicFiles.publishString(streamDir.apply(stream).resolve(StreamLayout.MASTER_PLAYLIST),
          MasterPlaylist.render(renditions.stream().map(SelectedRendition::toRendition).toList()));
    } catch (IOException e) {
      log.error("{}: cannot write master playlist: {}", stream, e.getMessage());
    }
  }

  @Override
  public void onSegment(String stream, SegmentReady segment, boolean discontinuity) {
    RenditionOutput out = outputs.computeIfAbsent(stream + "/" + segment.rendition(),
        k -> new RenditionOutput(streamDir.apply(stream).resolve(segment.rendition())));
    SegmentPublished published;
    try {
      published = out.publish(stream, segment, discontinuity);
    } catch (IOException e) {
      log.error("{}/{}: cannot publish segment {}: {}", stream, segment.rendition(), segment.file(), e.getMessage());
      return;
    }
    for (Consumer<SegmentPublished> s : subscribers) {
      s.accept(published);
    }
  }

  /** One rendition's playlist state; segments of a rendition arrive in order on one thread. */
  private final class RenditionOutput {
    private final Path dir;
    private final MediaPlaylist playlist = new MediaPlaylist(segmentSeconds);
    private final ArrayDeque<PlaylistEntry> window = new ArrayDeque<>();
    private long nextIndex;

    RenditionOutput(Path dir) {
      this.dir = dir;
    }

    synchronized SegmentPublished publish(String stream, SegmentReady segment, boolean discontinuity)
        throws IOException {
      long index = nextIndex;
      Path target = dir.resolve(segmentName(index));
      AtomicFiles.publishMove(segment.file(), target);
      nextIndex++;
      PlaylistEntry entry = new PlaylistEntry(index, target.getFileName().toString(), segment.durationUs(), discontinuity);
      playlist.observe(entry);
      window.addLast(entry);
      while (window.size() > windowSize) {
        window.removeFirst();
      }
      AtomicFiles.publishString(dir.resolve(StreamLayout.MEDIA_PLAYLIST), playlist.render(new ArrayList<>(window), false));
      return new SegmentPublished(stream, segment.rendition(), index, target, segment.durationUs(), discontinuity);
    }
  }
}
