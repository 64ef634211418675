package org.ownerless.protocol.crypto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.io.AtomicFiles;
import org.ownerless.protocol.io.OwnerOnly;
import org.ownerless.protocol.json.JsonFields;
import org.ownerless.protocol.json.StrictJson;

/**
 * The creator's secret key on disk: a small JSON document readable by its owner only.
 * <pre>{"type":"OWNERLESS_SECRET_KEY","v":1,"algorithm":"Ed25519","seed":B64URL,"publicKey":B64URL}</pre>
 * The public key is stored too so that a damaged seed is detected instead of silently becoming a
 * different identity. Writing never leaves a partly written or briefly world-readable file.
 */
public final class KeyFile {
  /**
   * The key file's own format version. It is not the stream protocol's: the seed and key encoding did
   * not change with protocol version 2, so key files written before it stay readable.
   */
  static final int FORMAT_VERSION = 1;

  public static final String TYPE = "OWNERLESS_SECRET_KEY";
  private static final int MAX_BYTES = 4096;

  private KeyFile() {}

  /**
   * Writes {@code signer} to {@code file} with mode 0600. Refuses to replace an existing file
   * unless {@code overwrite}; the old key would be lost for good.
   */
  public static void write(Path file, Signer signer, boolean overwrite) throws IOException {
    Path target = file.toAbsolutePath();
    if (!overwrite && Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(file.toString(), null, "refusing to overwrite an existing key (use --force)");
    }
    if (overwrite) {
      AtomicFiles.write(target, encode(signer));
    } else {
      AtomicFiles.writeNew(target, encode(signer)); // a racing writer's key is never clobbered
    }
  }

  public static byte[] encode(Signer signer) {
    ObjectNode o = StrictJson.mapper().createObjectNode();
    o.put("type", TYPE);
    o.put("v", FORMAT_VERSION);
    o.put("algorithm", "Ed25519");
    o.put("seed", Base64Url.encode(signer.seed()));
    o.put("publicKey", signer.publicKey().toBase64Url());
    return (o.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads a key file. Refuses one that group or others can read, as ssh does: a secret key that
   * has been exposed should be replaced, not used.
   */
  public static Signer read(Path file) throws IOException, ProtocolException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such key file");
    }
    if (!Files.isRegularFile(file)) {
      throw new ProtocolException(file + " is not a regular file");
    }
    OwnerOnly.require(file, "key file");
    if (Files.size(file) > MAX_BYTES) {
      throw new ProtocolException(file + " is too large to be a key file");
    }
    return decode(Files.readAllBytes(file), file.toString());
  }

  public static Signer decode(byte[] bytes, String where) throws ProtocolException {
    JsonFields f = JsonFields.of(StrictJson.parse(bytes), where);
    if (!TYPE.equals(f.string("type", 64))) {
      throw new ProtocolException(where + " is not an ownerless secret key file (type must be " + TYPE + ")");
    }
    f.integer("v", FORMAT_VERSION, FORMAT_VERSION);
    if (!"Ed25519".equals(f.string("algorithm", 32))) {
      throw new ProtocolException(where + ": only Ed25519 keys are supported");
    }
    Signer signer;
    PublicKey stated;
    try {
      signer = Signer.fromSeed(Base64Url.decode(f.string("seed", 64), Signer.SEED_LENGTH));
      stated = PublicKey.parse(f.string("publicKey", 64));
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(where + ": damaged key (" + e.getMessage() + ")");
    }
    f.rejectUnknown();
    if (!signer.publicKey().equals(stated)) {
      throw new ProtocolException(where + ": damaged key (seed does not match the stored public key)");
    }
    return signer;
  }
}
