package org.ownerless.protocol.model;

/**
 * The creator's choice on the latency / peer-offload trade-off. Viewers may override it locally;
 * the announce carries the default so every viewer of a stream starts from the same strategy.
 */
public enum LatencyMode {
  LOW("low"),
  NORMAL("normal");

  private final String wire;

  LatencyMode(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static LatencyMode fromWire(String s) {
    for (LatencyMode v : values()) {
      if (v.wire.equals(s)) {
        return v;
      }
    }
    throw new IllegalArgumentException("latency mode must be 'low' or 'normal', got '" + s + "'");
  }
}
