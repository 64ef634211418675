package org.ownerless.app;

/**
 * A command whose every input (flags, config file, named files) can be checked without side effects:
 * nothing is written, bound, started or fetched. The command's {@code call()} runs the same checks
 * first, so a value it would refuse is refused before anything starts; {@link Main#check} runs only
 * them, which is what lets a test feed every flag hostile values quickly.
 */
public interface Checked {
  /** Throws a {@link UserError} (or an exception {@link ErrorReporter} reports as one) for any bad input. */
  void check() throws Exception;
}
