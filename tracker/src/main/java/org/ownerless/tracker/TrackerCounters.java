package org.ownerless.tracker;

/** What a running tracker holds, for tests, metrics and leak checks. */
public interface TrackerCounters {
  int connections();

  int swarmCount();

  int peerCount();
}
