package org.ownerless.tracker;

/**
 * A peer_id in one swarm that its connection still owns after the peer was dropped for not
 * announcing: the socket is open, so the id stays that socket's, and nobody else can announce it
 * (and receive offers meant for it) until the socket closes or announces it again.
 */
record HeldId(WireId infoHash, WireId peerId) {}
