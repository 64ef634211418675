package org.ownerless.ingest.cmaf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The initialization section ({@code ftyp} and {@code moov}, as the stream began) and the tracks
 * read from it. The track fragments are timed against is the video track, or the first track of a
 * stream without video (every audio fragment can start a segment).
 */
public final class InitSection {
  private final byte[] bytes;
  private final List<Track> tracks;

  private InitSection(byte[] bytes, List<Track> tracks) {
    this.bytes = bytes;
    this.tracks = List.copyOf(tracks);
  }

  /** Parses the boxes before the first fragment; {@code moov} must be among them. */
  static InitSection of(List<Mp4Box> boxes) throws Mp4FormatException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    Mp4Box moov = null;
    for (Mp4Box b : boxes) {
      all.writeBytes(b.bytes());
      if (b.type().equals("moov")) {
        moov = b;
      }
    }
    if (moov == null) {
      throw new Mp4FormatException("the stream has no 'moov' before its first fragment");
    }
    List<Track> tracks = new ArrayList<>();
    Mp4Box mvex = moov.child("mvex").orElse(null);
    for (Mp4Box trak : moov.children()) {
      if (trak.type().equals("trak")) {
        tracks.add(track(trak, mvex));
      }
    }
    if (tracks.isEmpty()) {
      throw new Mp4FormatException("'moov' has no track");
    }
    return new InitSection(all.toByteArray(), tracks);
  }

  private static Track track(Mp4Box trak, Mp4Box mvex) throws Mp4FormatException {
    Mp4Box tkhd = trak.require("tkhd");
    ByteBuffer t = tkhd.fullBoxBody();
    t.position(t.position() + (tkhd.version() == 1 ? 16 : 8));
    int id = t.getInt();
    Mp4Box mdia = trak.require("mdia");
    Mp4Box mdhd = mdia.require("mdhd");
    ByteBuffer m = mdhd.fullBoxBody();
    m.position(m.position() + (mdhd.version() == 1 ? 16 : 8));
    long timescale = Integer.toUnsignedLong(m.getInt());
    if (timescale == 0) {
      throw new Mp4FormatException("track " + id + " has a timescale of 0");
    }
    ByteBuffer h = mdia.require("hdlr").fullBoxBody();
    h.position(h.position() + 4);
    byte[] handler = new byte[4];
    h.get(handler);
    long defaultDuration = 0;
    int defaultFlags = 0;
    if (mvex != null) {
      for (Mp4Box trex : mvex.children()) {
        if (trex.type().equals("trex")) {
          ByteBuffer x = trex.fullBoxBody();
          if (x.getInt() == id) {
            x.getInt(); // default sample description index
            defaultDuration = Integer.toUnsignedLong(x.getInt());
            x.getInt(); // default sample size
            defaultFlags = x.getInt();
          }
        }
      }
    }
    return new Track(id, new String(handler, java.nio.charset.StandardCharsets.ISO_8859_1), timescale,
        defaultDuration, defaultFlags);
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  int size() {
    return bytes.length;
  }

  List<Track> tracks() {
    return tracks;
  }

  /** The track that decides where segments may start and how long parts are. */
  Track timingTrack() {
    return tracks.stream().filter(Track::isVideo).findFirst().orElse(tracks.get(0));
  }
}
