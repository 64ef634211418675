package org.ownerless.manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.io.AtomicFiles;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.model.EpochLink;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.signing.SignedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each rendition's log of the previous epoch ended: the {@code previous} link every root of a
 * later epoch signs (docs/protocol.md §4.3). Worked out once per rendition and epoch, then kept in
 * the state directory ({@code REND-eE.previous}), because two roots of one position with different
 * links are an equivocation: a restart within the epoch must sign the very same link.
 *
 * <p>The end is the last root the old epoch <em>published</em> (its {@code manifest.json}), which is
 * what readers can hold; failing that, the end of the old log file (the same leaves); failing both
 * (the data and the log are gone), an empty log — which readers that saw the old epoch will rightly
 * report as a fork, since nothing here can prove otherwise.
 */
final class EpochLinks {
  private static final Logger log = LoggerFactory.getLogger(EpochLinks.class);

  private EpochLinks() {}

  /** The link for {@code rendition}'s roots in {@code epoch}, or null in epoch 1. */
  static EpochLink of(Path stateDir, Path renditionDir, String rendition, long epoch) throws IOException {
    if (epoch == 1) {
      return null;
    }
    Path kept = stateDir.resolve(rendition + "-e" + epoch + ".previous");
    if (Files.exists(kept)) {
      return read(kept);
    }
    EpochLink link = fromPublished(renditionDir, epoch - 1);
    if (link == null) {
      link = fromLogFile(stateDir, rendition, epoch - 1);
    }
    if (link == null) {
      log.warn("{}: nothing left of epoch {} (no published root, no log): epoch {} links to an empty log; viewers"
          + " who watched epoch {} will see a fork", rendition, epoch - 1, epoch, epoch - 1);
      link = EpochLink.empty(epoch - 1);
    }
    AtomicFiles.writeString(kept, link.epoch() + " " + link.treeSize() + " " + link.rootHash().hex() + "\n");
    return link;
  }

  private static EpochLink fromPublished(Path renditionDir, long previousEpoch) {
    Path manifest = renditionDir.resolve(StreamLayout.MANIFEST);
    if (!Files.exists(manifest)) {
      return null;
    }
    try {
      ManifestRoot root = ManifestRoot.fromSigned(SignedObject.parse(Files.readAllBytes(manifest)));
      return root.epoch() == previousEpoch ? new EpochLink(previousEpoch, root.treeSize(), root.rootHash()) : null;
    } catch (IOException | ProtocolException e) {
      log.info("{}: the previous epoch's manifest is unreadable ({}); reading its log instead", manifest, e.getMessage());
      return null;
    }
  }

  private static EpochLink fromLogFile(Path stateDir, String rendition, long previousEpoch) throws IOException {
    if (!Files.exists(RenditionLog.fileFor(stateDir, rendition, previousEpoch))) {
      return null;
    }
    try (RenditionLog old = RenditionLog.open(stateDir, rendition, previousEpoch)) {
      return new EpochLink(previousEpoch, old.size(), old.rootHash());
    } catch (IOException e) {
      log.warn("{}: the log of epoch {} is unreadable: {}", rendition, previousEpoch, e.getMessage());
      return null;
    }
  }

  private static EpochLink read(Path kept) throws IOException {
    String[] parts = Files.readString(kept, StandardCharsets.US_ASCII).strip().split(" ");
    try {
      return new EpochLink(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Digest.fromHex(parts[2]));
    } catch (RuntimeException e) {
      throw new IOException(kept + " does not hold an epoch link ('EPOCH SIZE ROOTHASH'): " + e.getMessage());
    }
  }
}
