package org.ownerless.app.cli;

import org.ownerless.protocol.crypto.PublicKey;
import picocli.CommandLine;

/** Parses a creator public key given on the command line (43 base64url characters). */
public final class PublicKeyConverter implements CommandLine.ITypeConverter<PublicKey> {
  @Override
  public PublicKey convert(String value) {
    try {
      return PublicKey.parse(value.trim());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not an Ed25519 public key ("
          + e.getMessage() + "); expected 43 base64url characters as printed by keygen");
    }
  }
}
