package org.ownerless.tracker;

/** A refused message: {@link #reply()} is the failure reply sent back on the same socket. */
final class TrackerException extends Exception {
  final String action;

  TrackerException(String action, String reason) {
    // No stack trace: refusals are part of the protocol, and a client can provoke them at line rate.
    super(reason, null, false, false);
    this.action = action == null ? "announce" : action;
  }

  String reply() {
    return new JsonOut().field("action", action).field("failure reason", getMessage()).toString();
  }
}
