package org.ownerless.app;

/**
 * A mistake the user can fix (bad flag value, unreadable or malformed input file, bad key file).
 * Reported as one line without a stack trace, exit code 2.
 */
public final class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }
}
