package org.ownerless.protocol;

/** The version of the signed-object formats in docs/protocol.md; every signed object carries it. */
public final class ProtocolVersion {
  public static final int CURRENT = 2;

  /**
   * Why a version 1 object is refused rather than read: its root does not bind the window a player
   * plays from (docs/protocol.md §9), so reading it would keep the hole version 2 closes.
   */
  public static final String V1_REFUSED = "protocol version 1 is no longer accepted (version 1 roots do not bind"
      + " their window): upgrade the node that signed it";

  private ProtocolVersion() {}
}
