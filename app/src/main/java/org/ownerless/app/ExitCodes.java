package org.ownerless.app;

/** The exit codes every command shares (PRODUCT.md). */
public final class ExitCodes {
  public static final int OK = 0;
  /** Verification or the operation itself failed. */
  public static final int FAILED = 1;
  /** Usage, configuration or input error: the user must change something. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
