package org.ownerless.protocol;

/** The version of the signed-object formats in docs/protocol.md; every signed object carries it. */
public final class ProtocolVersion {
  public static final int CURRENT = 1;

  private ProtocolVersion() {}
}
