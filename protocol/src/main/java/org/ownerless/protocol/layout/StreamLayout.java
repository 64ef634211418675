package org.ownerless.protocol.layout;

import java.nio.ByteBuffer;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.model.InitSection;
import org.ownerless.protocol.model.SegmentEntry;

/**
 * The names of a stream's published files below {@code streams/PUB/NAME/} (docs/protocol.md §5).
 * Every writer (node, relay, bucket) and every reader (verify, the relay's follower) names files
 * through this class, so the layout is written down once.
 */
public final class StreamLayout {
  /** The latest signed STREAM_ANNOUNCE. */
  public static final String ANNOUNCE = "announce.json";
  /** The master playlist, written from the announce's renditions. */
  public static final String MASTER_PLAYLIST = "master.m3u8";
  /** A rendition's media playlist, below its directory. */
  public static final String MEDIA_PLAYLIST = "index.m3u8";
  /** A rendition's latest signed MANIFEST_ROOT, below its directory. */
  public static final String MANIFEST = "manifest.json";
  /** Below a rendition's directory: the MANIFEST_ROOT of every retained tree size. */
  public static final String ROOTS_DIR = "roots";

  private StreamLayout() {}

  /** {@code REND/index.m3u8}. */
  public static String mediaPlaylist(String rendition) {
    return rendition + "/" + MEDIA_PLAYLIST;
  }

  /** {@code REND/manifest.json}. */
  public static String manifest(String rendition) {
    return rendition + "/" + MANIFEST;
  }

  /**
   * {@code roots/E-N.json}, relative to the rendition's directory: the root of epoch {@code epoch} at
   * {@code treeSize}. The epoch is in the name so a new epoch never overwrites the roots of the one
   * before, which a reader crossing the boundary may still need.
   */
  public static String root(long epoch, long treeSize) {
    return ROOTS_DIR + "/" + epoch + "-" + treeSize + ".json";
  }

  /** {@code REND/roots/E-N.json}. */
  public static String root(String rendition, long epoch, long treeSize) {
    return rendition + "/" + root(epoch, treeSize);
  }

  /**
   * The file name of segment {@code index} of epoch {@code epoch}: {@code seg-E-NNNNNN.ts}. The
   * epoch is part of the name so that a new log never reuses a name an earlier one published.
   */
  public static String segment(long epoch, long index) {
    return segment(epoch, index, false);
  }

  /** As {@link #segment(long, long)}, {@code seg-E-NNNNNN.m4s} for an fMP4/CMAF media segment. */
  public static String segment(long epoch, long index, boolean fmp4) {
    return "seg-" + epoch + "-" + Digits.zeroPadded(index, 6) + (fmp4 ? ".m4s" : ".ts");
  }

  /**
   * {@code seg-E-NNNNNN-pK.m4s}: LL-HLS part {@code part} (from 0) of fMP4 segment {@code index} of
   * epoch {@code epoch}, served while that segment is being written and shortly after.
   */
  public static String part(long epoch, long index, int part) {
    return "seg-" + epoch + "-" + Digits.zeroPadded(index, 6) + "-p" + part + ".m4s";
  }

  /**
   * {@code init-<first 16 hex of its sha256>.mp4}: an init section is named by its content, so the
   * name is immutable and the same init across publisher reconnects is one file.
   */
  public static String init(Digest sha256) {
    return "init-" + sha256.hex().substring(0, 16) + ".mp4";
  }

  /**
   * The entry a log of epoch {@code epoch} holds as {@code leafInput} (docs/protocol.md §4.1), with
   * the names this layout gives its segment and init section: how a node rebuilds its window from
   * its log file alone.
   *
   * @throws IllegalArgumentException if the bytes are no leaf input an append could have written
   */
  public static SegmentEntry entry(long epoch, byte[] leafInput) {
    boolean withInit = leafInput.length == SegmentEntry.LEAF_INPUT_LENGTH_WITH_INIT;
    if (!withInit && leafInput.length != SegmentEntry.LEAF_INPUT_LENGTH) {
      throw new IllegalArgumentException("a leaf input is " + SegmentEntry.LEAF_INPUT_LENGTH + " or "
          + SegmentEntry.LEAF_INPUT_LENGTH_WITH_INIT + " bytes, not " + leafInput.length);
    }
    ByteBuffer b = ByteBuffer.wrap(leafInput);
    long index = b.getLong();
    Digest sha256 = digest(b);
    long size = b.getLong();
    long durationUs = b.getLong();
    int flags = b.get() & 0xFF;
    int expected = withInit ? SegmentEntry.FLAG_INIT : 0;
    if ((flags & ~SegmentEntry.FLAG_DISCONTINUITY) != expected) {
      // Any other bit would give a leaf hash that no entry re-encodes to.
      throw new IllegalArgumentException("flags " + flags + " do not fit a leaf input of " + leafInput.length
          + " bytes");
    }
    InitSection init = null;
    if (withInit) {
      Digest initSha = digest(b);
      init = new InitSection(init(initSha), initSha, b.getLong());
    }
    return new SegmentEntry(index, segment(epoch, index, withInit), durationUs, sha256, size,
        (flags & SegmentEntry.FLAG_DISCONTINUITY) != 0, init);
  }

  private static Digest digest(ByteBuffer b) {
    byte[] d = new byte[Digest.LENGTH];
    b.get(d);
    return Digest.of(d);
  }

  /** {@code REND/URI}: a file of a rendition, by the name its signed entry gives. */
  public static String inRendition(String rendition, String uri) {
    return rendition + "/" + uri;
  }
}
