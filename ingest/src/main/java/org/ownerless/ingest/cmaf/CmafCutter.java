package org.ownerless.ingest.cmaf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a live fragmented-MP4 byte stream into an init section, parts and segments, each handed on
 * the moment its last byte has arrived. A segment ends where an independent part (one starting on a
 * keyframe) arrives once ending there is closer to the target length than ending a part later would
 * be; the encoder's keyframe interval (the segment length, as the node asks of ffmpeg) thus decides
 * the cuts. A segment is known to be complete only when the next one's first part arrives (or the
 * stream ends): its parts were handed on already, so only whole-segment readers wait that part. An encoder
 * that sends no keyframe for {@value #MAX_SEGMENT_FACTOR} target lengths gets a cut anyway, so a
 * segment stays bounded in time and bytes.
 */
public final class CmafCutter {
  /** A segment is cut at any part once it is this many target lengths long. */
  public static final int MAX_SEGMENT_FACTOR = 4;
  /** Boxes allowed between fragments; they travel with the next part. */
  private static final Set<String> PREFIX_BOXES = Set.of("styp", "prft", "emsg", "free", "skip");
  private static final int MAX_PREFIX_BOXES = 8;

  /** Where the cutter's results go, in stream order, on the reading thread. */
  public interface Output {
    void init(InitSection init);

    void part(CmafPart part);

    void segment(CmafSegment segment);
  }

  private final Output out;
  private final long targetMicros;
  private final CmafLimits limits;
  private long nextSequence;

  private InitSection init;
  private Track timing;
  private final List<Mp4Box> beforeFirstFragment = new ArrayList<>();
  private final List<Mp4Box> prefix = new ArrayList<>();
  private final List<CmafPart> current = new ArrayList<>();
  private long currentMicros;
  private long currentBytes;
  private Mp4Box pendingMoof;

  public CmafCutter(Output out, long targetMicros, long firstSequence, CmafLimits limits) {
    if (targetMicros <= 0) {
      throw new IllegalArgumentException("the target segment length must be positive");
    }
    this.out = out;
    this.targetMicros = targetMicros;
    this.nextSequence = firstSequence;
    this.limits = limits;
  }

  /**
   * Reads boxes until the stream ends, then hands on the last segment (a stream that ends between
   * fragments ended cleanly: ffmpeg finished). A format error stops the cut at once; what was handed
   * on before stays good.
   */
  public void run(Mp4BoxReader reader) throws IOException, Mp4FormatException {
    Mp4Box box;
    while ((box = reader.next()) != null) {
      accept(box);
    }
    if (pendingMoof != null) {
      throw new Mp4FormatException("the stream ended after a 'moof' without its 'mdat'");
    }
    finishSegment();
  }

  /** Takes the next top-level box of the stream. */
  public void accept(Mp4Box box) throws Mp4FormatException {
    if (init == null) {
      if (!box.type().equals("moof")) {
        beforeFirstFragment.add(box);
        if (beforeFirstFragment.size() > MAX_PREFIX_BOXES) {
          throw new Mp4FormatException("no fragment after " + MAX_PREFIX_BOXES + " boxes");
        }
        return;
      }
      init = InitSection.of(beforeFirstFragment);
      if (init.size() > limits.maxInitBytes()) {
        throw new Mp4FormatException("an init section of " + init.size() + " bytes (at most " + limits.maxInitBytes()
            + ")");
      }
      timing = init.timingTrack();
      beforeFirstFragment.clear();
      out.init(init);
    }
    switch (box.type()) {
      case "moof" -> {
        if (pendingMoof != null) {
          throw new Mp4FormatException("a 'moof' followed another without an 'mdat' between them");
        }
        pendingMoof = box;
      }
      case "mdat" -> {
        if (pendingMoof == null) {
          throw new Mp4FormatException("an 'mdat' without the 'moof' that describes it");
        }
        fragment(pendingMoof, box);
        pendingMoof = null;
      }
      case "mfra" -> {
        // The random-access index a muxer writes when it finishes: nothing for a live stream to carry.
        if (pendingMoof != null) {
          throw new Mp4FormatException("'mfra' after a 'moof' without its 'mdat'");
        }
      }
      default -> {
        if (!PREFIX_BOXES.contains(box.type()) || pendingMoof != null) {
          throw new Mp4FormatException("unexpected '" + box.type() + "' between fragments");
        }
        prefix.add(box);
        if (prefix.size() > MAX_PREFIX_BOXES) {
          throw new Mp4FormatException("more than " + MAX_PREFIX_BOXES + " boxes between two fragments");
        }
      }
    }
  }

  private void fragment(Mp4Box moof, Mp4Box mdat) throws Mp4FormatException {
    FragmentTiming t = FragmentTiming.of(moof, timing);
    long start = micros(t.startTicks());
    long duration = micros(t.startTicks() + t.durationTicks()) - start;
    boolean cut = !current.isEmpty()
        && ((t.independent() && currentMicros + duration / 2 >= targetMicros)
        || currentMicros >= targetMicros * MAX_SEGMENT_FACTOR);
    if (cut) {
      finishSegment();
    }
    int size = prefix.stream().mapToInt(b -> b.bytes().length).sum() + moof.bytes().length + mdat.bytes().length;
    if (current.size() >= limits.maxPartsPerSegment()) {
      throw new Mp4FormatException("more than " + limits.maxPartsPerSegment() + " parts in one segment");
    }
    if (currentBytes + size > limits.maxSegmentBytes()) {
      throw new Mp4FormatException("a segment of more than " + limits.maxSegmentBytes() + " bytes");
    }
    byte[] bytes = new byte[size];
    int at = 0;
    for (Mp4Box b : prefix) {
      System.arraycopy(b.bytes(), 0, bytes, at, b.bytes().length);
      at += b.bytes().length;
    }
    System.arraycopy(moof.bytes(), 0, bytes, at, moof.bytes().length);
    System.arraycopy(mdat.bytes(), 0, bytes, at + moof.bytes().length, mdat.bytes().length);
    prefix.clear();
    CmafPart part = new CmafPart(nextSequence, current.size(), bytes, start, duration, t.independent());
    current.add(part);
    currentMicros += duration;
    currentBytes += size;
    out.part(part);
  }

  private void finishSegment() {
    if (current.isEmpty()) {
      return;
    }
    out.segment(new CmafSegment(nextSequence, current));
    nextSequence++;
    current.clear();
    currentMicros = 0;
    currentBytes = 0;
  }

  private long micros(long ticks) {
    return Math.multiplyHigh(ticks, 1_000_000L) != 0
        ? ticks / timing.timescale() * 1_000_000L
        : ticks * 1_000_000L / timing.timescale();
  }
}
