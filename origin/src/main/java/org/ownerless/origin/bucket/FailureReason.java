package org.ownerless.origin.bucket;

import java.util.regex.Pattern;

/**
 * Why an upload pass failed, as one short log-safe line: the first line of the message (never a
 * stack trace), with URL query strings and user info cut out — a presigned or redirected URL
 * carries its signature and credential there. The store scrubs its own secret before this.
 */
final class FailureReason {
  private static final int MAX_LENGTH = 300;
  private static final Pattern QUERY = Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s?#]*)[?#]\\S*");
  private static final Pattern USER_INFO = Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^/\\s@]*@");

  private FailureReason() {}

  static String of(Throwable e) {
    String message = e.getMessage();
    String text = message == null || message.isBlank() ? e.getClass().getSimpleName()
        : message.strip().lines().findFirst().orElse("");
    text = USER_INFO.matcher(text).replaceAll("$1");
    text = QUERY.matcher(text).replaceAll("$1?(query hidden)");
    StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX_LENGTH + 1));
    for (int i = 0; i < text.length() && safe.length() < MAX_LENGTH; i++) {
      char c = text.charAt(i);
      safe.append(Character.isISOControl(c) ? ' ' : c);
    }
    return text.length() > MAX_LENGTH ? safe + "…" : safe.toString();
  }
}
