package org.ownerless.tracker;

/** A request the tracker refuses; the message becomes the "failure reason" of the reply. */
final class TrackerException extends Exception {
  final String action;

  TrackerException(String action, String reason) {
    super(reason);
    this.action = action == null ? "announce" : action;
  }

  String reply() {
    return new JsonOut().field("action", action).field("failure reason", getMessage()).toString();
  }
}
