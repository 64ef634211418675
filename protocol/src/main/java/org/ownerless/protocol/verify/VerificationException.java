package org.ownerless.protocol.verify;

import java.util.Optional;

/** A verification failure with its {@link Problem}; equivocation carries the portable proof. */
public final class VerificationException extends Exception {
  private final Problem problem;
  private final transient EquivocationProof equivocation;

  public VerificationException(Problem problem, String message) {
    this(problem, message, null);
  }

  public VerificationException(Problem problem, String message, EquivocationProof equivocation) {
    super(message);
    this.problem = problem;
    this.equivocation = equivocation;
  }

  public Problem problem() {
    return problem;
  }

  public Optional<EquivocationProof> equivocation() {
    return Optional.ofNullable(equivocation);
  }

  /** "PROBLEM: message", the one-line form the CLI prints. */
  @Override
  public String toString() {
    return problem + ": " + getMessage();
  }
}
