package org.ownerless.ingest.transcode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Turns the self-contained fMP4 files one rendition's segment muxer lists into media segments
 * ({@code N.m4s}) and their shared initialization section. ffmpeg writes ftyp+moov at the start
 * of every file (empty_moov, bitexact), the same bytes each time within a run, so the init is
 * written once per run and rendition; a file whose init differs (not seen with ffmpeg 5.1, but a
 * later ffmpeg could) gets its own init file rather than being played with the wrong one.
 */
final class Fmp4Segments {
  /** A media segment and the init section it needs. */
  record Split(Path media, Path init) {}

  private final Path dir;
  private byte[] init;
  private Path initFile;
  private int initCount;

  Fmp4Segments(Path dir) {
    this.dir = dir;
  }

  /**
   * Splits {@code listed} (N.mp4 in this rendition's directory) into N.m4s and the init, then deletes
   * it. Throws NotWhole (the file is left for the caller to drop) when it is not a whole segment.
   */
  Split split(Path listed) throws IOException, Fmp4Split.NotWhole {
    Fmp4Split.Layout layout = Fmp4Split.layout(listed);
    byte[] bytes = Fmp4Split.initBytes(listed, layout);
    if (init == null || !Arrays.equals(init, bytes)) {
      Path file = dir.resolve("init-" + ++initCount + ".mp4");
      Files.write(file, bytes);
      init = bytes;
      initFile = file;
    }
    String name = listed.getFileName().toString();
    Path media = dir.resolve(name.substring(0, name.lastIndexOf('.')) + ".m4s");
    Fmp4Split.writeMedia(listed, layout, media);
    Files.delete(listed);
    return new Split(media, initFile);
  }
}
