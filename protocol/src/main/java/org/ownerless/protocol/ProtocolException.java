package org.ownerless.protocol;

/**
 * A protocol object or key is malformed: wrong structure, unknown field, value out of range.
 * The message is written for the person reading the CLI output, so it names the field at fault.
 */
public class ProtocolException extends Exception {
  public ProtocolException(String message) {
    super(message);
  }

  public ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
