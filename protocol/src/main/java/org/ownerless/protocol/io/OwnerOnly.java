package org.ownerless.protocol.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The one check for files holding secrets (creator key, publish token, a config file with
 * credentials): any access for group or others means the secret may already be out, so the file is
 * refused with the fix rather than used. Every secret is checked the same way, with the same words.
 */
public final class OwnerOnly {
  private static final Set<PosixFilePermission> OTHERS = EnumSet.complementOf(EnumSet.of(
      PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));

  private OwnerOnly() {}

  /** The file's mode (as {@code rw-r--r--}) if anyone but its owner may access it; empty otherwise. */
  public static Optional<String> exposedMode(Path file) throws IOException {
    if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
      return Optional.empty(); // no POSIX modes to check (not a file system the node publishes from)
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    return perms.stream().anyMatch(OTHERS::contains)
        ? Optional.of(PosixFilePermissions.toString(perms)) : Optional.empty();
  }

  /**
   * Refuses {@code file} if others may access it: an {@link AccessDeniedException} whose reason
   * reads "{@code what} is accessible to other users (rw-r--r--); run: chmod 600 FILE".
   */
  public static void require(Path file, String what) throws IOException {
    Optional<String> mode = exposedMode(file);
    if (mode.isPresent()) {
      throw new AccessDeniedException(file.toString(), null, reason(file, what, mode.get()));
    }
  }

  /** The words of the refusal, for callers that report it their own way. */
  public static String reason(Path file, String what, String mode) {
    return what + " is accessible to other users (" + mode + "); run: chmod 600 " + file;
  }
}
