package org.ownerless.app.studio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** One file of the studio page, packaged beside these classes and held in memory (a few kilobytes). */
record StudioAsset(byte[] bytes, String contentType) {
  static StudioAsset load(String name, String contentType) {
    try (InputStream in = StudioAsset.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("studio asset " + name + " is missing from the jar");
      }
      return new StudioAsset(in.readAllBytes(), contentType);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
