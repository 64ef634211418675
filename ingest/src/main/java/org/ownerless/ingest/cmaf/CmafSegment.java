package org.ownerless.ingest.cmaf;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * A whole segment: its parts in order. Its bytes are the parts' bytes one after the other — the same
 * file a viewer far behind the live edge fetches whole, and peers share.
 */
public record CmafSegment(long sequence, List<CmafPart> parts) {
  public CmafSegment {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a segment has at least one part");
    }
    parts = List.copyOf(parts);
  }

  public byte[] bytes() {
    ByteArrayOutputStream all = new ByteArrayOutputStream(parts.stream().mapToInt(CmafPart::size).sum());
    parts.forEach(p -> all.writeBytes(p.bytes()));
    return all.toByteArray();
  }

  public long startMicros() {
    return parts.get(0).startMicros();
  }

  public long durationMicros() {
    return parts.stream().mapToLong(CmafPart::durationMicros).sum();
  }

  /** Whether it starts on a keyframe (always, unless the encoder sent none for {@link CmafCutter#MAX_SEGMENT_FACTOR} segment lengths). */
  public boolean independent() {
    return parts.get(0).independent();
  }
}
