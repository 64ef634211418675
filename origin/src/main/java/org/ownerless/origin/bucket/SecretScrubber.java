package org.ownerless.origin.bucket;

/**
 * Last line of defence for the bucket secret: any text about to be logged or thrown has it blanked,
 * whatever a library chose to put in its error messages.
 */
final class SecretScrubber {
  private final String secret;

  SecretScrubber(String secret) {
    this.secret = secret;
  }

  String scrub(String text) {
    if (text == null || secret == null || secret.isEmpty()) {
      return text;
    }
    return text.replace(secret, "(hidden)");
  }
}
