package org.ownerless.protocol.verify;

import org.ownerless.protocol.signing.SignedObject;

/** A protocol object whose signature has been checked, kept with the envelope it came in. */
public record Signed<T>(T content, SignedObject envelope) {}
