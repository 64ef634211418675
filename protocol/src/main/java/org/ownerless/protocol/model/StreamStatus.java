package org.ownerless.protocol.model;

/** Whether the creator is broadcasting; an ended stream's log is a finished, verifiable recording. */
public enum StreamStatus {
  LIVE("live"),
  ENDED("ended");

  private final String wire;

  StreamStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static StreamStatus fromWire(String s) {
    for (StreamStatus v : values()) {
      if (v.wire.equals(s)) {
        return v;
      }
    }
    throw new IllegalArgumentException("status must be 'live' or 'ended', got '" + s + "'");
  }
}
