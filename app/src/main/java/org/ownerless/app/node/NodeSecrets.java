package org.ownerless.app.node;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.crypto.Base64Url;
import org.ownerless.protocol.crypto.KeyFile;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.io.AtomicFiles;
import org.ownerless.protocol.io.OwnerOnly;

/**
 * The two secrets a node keeps in its data directory: the creator key (the stream's identity) and
 * the publish token (in OBS's stream key). Both are created on first start, owner-only, and reused
 * afterwards, so the stream's address and the OBS settings survive restarts.
 */
public final class NodeSecrets {
  static final String TOKEN_FILE = "publish-token";

  private NodeSecrets() {}

  /**
   * The key in {@code keyFile}, or a new one written there (mode 0600) when there is none. A file
   * that exists but is damaged or readable by others is refused by {@link KeyFile#read}, never replaced:
   * replacing it would silently change the stream's identity.
   */
  public static Signer creatorKey(Path keyFile, PrintWriter err) throws IOException, ProtocolException {
    if (Files.exists(keyFile)) {
      return KeyFile.read(keyFile);
    }
    Signer signer = Signer.generate();
    try {
      KeyFile.write(keyFile, signer, false);
    } catch (FileAlreadyExistsException e) {
      return KeyFile.read(keyFile); // another process created it first: that one is the identity
    }
    err.println("created a new creator identity in " + keyFile + " (keep it safe: it is the stream's identity)");
    err.flush();
    return signer;
  }

  /** Where the node keeps its publish token when none is given as a setting. */
  public static Path tokenFile(Path dataDir) {
    return dataDir.resolve(TOKEN_FILE);
  }

  /**
   * The token stored in DATA/publish-token, or a new random one stored there (mode 0600). A stored
   * token too short to be one (an emptied file) is replaced, as before there was any. A stored token
   * others can read is refused as the creator key is: whoever read it can publish as this node.
   */
  public static String publishToken(Path dataDir) throws IOException {
    Path file = dataDir.resolve(TOKEN_FILE);
    checkStoredToken(dataDir);
    if (Files.exists(file)) {
      String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (stored.length() >= NodeSettingsBuilder.MIN_PUBLISH_TOKEN_LENGTH) {
        return stored;
      }
    }
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    String token = Base64Url.encode(random);
    // AtomicFiles writes owner-only: the token is never briefly readable by others.
    AtomicFiles.writeString(file, token + "\n");
    return token;
  }

  /** Refuses a stored token that others can read; reads and writes nothing (for a command's check). */
  public static void checkStoredToken(Path dataDir) throws IOException {
    Path file = dataDir.resolve(TOKEN_FILE);
    if (Files.exists(file)) {
      OwnerOnly.require(file, "publish token file");
    }
  }
}
