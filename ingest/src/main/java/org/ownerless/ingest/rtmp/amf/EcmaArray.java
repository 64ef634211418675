package org.ownerless.ingest.rtmp.amf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Asks {@link Amf0Writer} for the ECMA-array form of a map instead of the anonymous-object form.
 * The two carry the same data, but {@code onMetaData} is conventionally an ECMA array and some
 * players look for exactly that. {@link Amf0Reader} returns both forms as plain maps, because
 * nothing a server does with received data depends on which form the sender chose.
 *
 * <p>The entries are copied so that the count written up front cannot disagree with the entries
 * written after it if the caller keeps mutating its map.
 */
public record EcmaArray(Map<String, ?> entries) {
  public EcmaArray {
    entries = Collections.unmodifiableMap(new LinkedHashMap<String, Object>(entries));
  }
}
