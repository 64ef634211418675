package org.ownerless.ingest.transcode;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.ownerless.ingest.flv.AacAudioConfig;
import org.ownerless.ingest.flv.AvcDecoderConfig;
import org.ownerless.ingest.flv.FlvFormatException;
import org.ownerless.ingest.flv.FlvWriter;
import org.ownerless.ingest.flv.H264Sps;
import org.ownerless.ingest.flv.VideoTagHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FLV side of one stream: what every new ffmpeg input must begin with, and when it may begin.
 *
 * <p>A decoder joining mid-stream needs the FLV header, the metadata and both sequence headers
 * before any frame, and its first frame must be a keyframe. RTMP sends those headers once per
 * publish, so they are kept here and replayed at the start of every output; between outputs (and
 * after a drop) media is gated until the next keyframe. No processes, no I/O: the caller decides
 * what an output is. Not thread-safe; {@link StreamTranscoder} guards it with its lock.
 */
final class FlvRemux {
  private static final Logger log = LoggerFactory.getLogger(FlvRemux.class);

  private final String stream;
  private byte[] metadataTag;
  private int metadataKbps;
  private byte[] avcSequenceHeader;
  private byte[] aacSequenceHeader;
  private boolean waitingForKeyframe = true;
  private boolean outputHasAudio;

  /** @param stream the stream's name, for log lines only */
  FlvRemux(String stream) {
    this.stream = stream;
  }

  /** onMetaData, already an FLV script tag body; replayed to every later output. */
  void metadata(byte[] scriptTagBody, int totalKbps) {
    metadataTag = scriptTagBody.clone();
    metadataKbps = totalKbps;
  }

  /**
   * Keeps the AVC sequence header (a whole video tag body).
   *
   * @return true when it replaces a different one: frames after it cannot be decoded with what the
   *     current output was started with, so that output must end
   */
  boolean videoSequenceHeader(byte[] tag) {
    if (avcSequenceHeader != null && Arrays.equals(avcSequenceHeader, tag)) {
      return false;
    }
    boolean changed = avcSequenceHeader != null;
    avcSequenceHeader = tag;
    return changed;
  }

  /** Keeps the AAC sequence header (a whole audio tag body); the latest one wins. */
  void audioSequenceHeader(byte[] tag) {
    aacSequenceHeader = tag;
  }

  /** No output can start before the video sequence header: ffmpeg could not size the decoder. */
  boolean hasVideoSequenceHeader() {
    return avcSequenceHeader != null;
  }

  /**
   * What the sequence headers and metadata say about the source. Audio that cannot be read is
   * left out (the stream is transcoded without it) rather than stopping the video.
   *
   * @throws FlvFormatException when the video sequence header is unreadable
   */
  SourceInfo describeSource() {
    AvcDecoderConfig avc = AvcDecoderConfig.parse(Arrays.copyOfRange(avcSequenceHeader,
        VideoTagHeader.parse(Unpooled.wrappedBuffer(avcSequenceHeader)).headerLength(), avcSequenceHeader.length));
    H264Sps sps = avc.firstSps();
    String audio = null;
    if (aacSequenceHeader != null && aacSequenceHeader.length > 2) {
      try {
        audio = AacAudioConfig.parse(Arrays.copyOfRange(aacSequenceHeader, 2, aacSequenceHeader.length)).codecsString();
      } catch (FlvFormatException e) {
        log.warn("{}: unreadable AAC configuration ({}); transcoding without audio", stream, e.getMessage());
      }
    }
    return new SourceInfo(sps.width(), sps.height(), avc.codecsString(), audio, metadataKbps);
  }

  /** True until an output has begun on a keyframe. */
  boolean waitingForKeyframe() {
    return waitingForKeyframe;
  }

  /** Media is dropped from now until the next output begins (on a keyframe). */
  void waitForKeyframe() {
    waitingForKeyframe = true;
  }

  /**
   * Begins an output on the keyframe at {@code timestamp}: the FLV header, metadata and sequence
   * headers, all stamped with that keyframe's time so ffmpeg sees no gap before it.
   *
   * @param withAudio whether this output carries audio; the audio sequence header must be known
   */
  byte[] begin(long timestamp, boolean withAudio) {
    waitingForKeyframe = false;
    outputHasAudio = withAudio;
    ByteBuf start = Unpooled.buffer();
    try {
      FlvWriter.writeHeader(start, withAudio, true);
      if (metadataTag != null) {
        FlvWriter.writeTag(start, FlvWriter.TAG_SCRIPT, timestamp, Unpooled.wrappedBuffer(metadataTag));
      }
      FlvWriter.writeTag(start, FlvWriter.TAG_VIDEO, timestamp, Unpooled.wrappedBuffer(avcSequenceHeader));
      if (withAudio) {
        FlvWriter.writeTag(start, FlvWriter.TAG_AUDIO, timestamp, Unpooled.wrappedBuffer(aacSequenceHeader));
      }
      return ByteBufUtil.getBytes(start);
    } finally {
      start.release();
    }
  }

  /** Whether audio frames belong in the current output: its FLV header promised audio, or not. */
  boolean passesAudio() {
    return !waitingForKeyframe && outputHasAudio;
  }

  /** One media frame as an FLV tag; the payload's reader index is not moved. */
  static byte[] tag(int type, long timestamp, ByteBuf payload) {
    ByteBuf tag = Unpooled.buffer(payload.readableBytes() + 15);
    try {
      FlvWriter.writeTag(tag, type, timestamp, payload);
      return ByteBufUtil.getBytes(tag);
    } finally {
      tag.release();
    }
  }
}
