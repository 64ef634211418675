package org.ownerless.protocol.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.NamedParameterSpec;

/**
 * A creator's Ed25519 signing key (RFC 8032), held as its 32-byte seed. Signing is deterministic,
 * so the same object always gets the same signature.
 */
public final class Signer {
  public static final int SEED_LENGTH = 32;
  public static final int SIGNATURE_LENGTH = 64;

  private final byte[] seed;
  private final KeyPair jdkPair;
  private final PublicKey publicKey;
  private final ThreadLocal<Signature> signatures = ThreadLocal.withInitial(this::newSignature);

  private Signer(byte[] seed, KeyPair jdkPair) {
    this.seed = seed;
    this.jdkPair = jdkPair;
    this.publicKey = PublicKey.fromJdk((EdECPublicKey) jdkPair.getPublic());
  }

  /** A fresh key from the platform's strong random source. */
  public static Signer generate() {
    byte[] seed = new byte[SEED_LENGTH];
    try {
      SecureRandom.getInstanceStrong().nextBytes(seed);
    } catch (GeneralSecurityException e) {
      new SecureRandom().nextBytes(seed);
    }
    return fromSeed(seed);
  }

  /**
   * Rebuilds the key from its RFC 8032 seed. The JDK has no public API to derive the public key
   * from a seed, but its generator draws exactly the seed from the SecureRandom it is given, so we
   * hand it one that yields our seed.
   */
  public static Signer fromSeed(byte[] seed) {
    if (seed.length != SEED_LENGTH) {
      throw new IllegalArgumentException("an Ed25519 seed is 32 bytes, not " + seed.length);
    }
    byte[] copy = seed.clone();
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(copy));
      return new Signer(copy, generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK's Ed25519 provider is unavailable", e);
    }
  }

  public byte[] sign(byte[] message) {
    Signature signature = signatures.get();
    try {
      signature.update(message);
      return signature.sign(); // and the object is ready for the next message with the same key
    } catch (GeneralSecurityException e) {
      signatures.remove(); // whatever state it was left in, it is not reused
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /**
   * One initialized signing object per thread. Looking the provider up and initializing it for
   * every signature was a measurable part of publishing a segment (it runs once per rendition per
   * segment, mostly in cold code); a {@link Signature} is not thread-safe, hence one per thread.
   */
  private Signature newSignature() {
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(jdkPair.getPrivate());
      return signature;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK's Ed25519 provider is unavailable", e);
    }
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** The secret seed; only the key file writer should need this. */
  public byte[] seed() {
    return seed.clone();
  }

  @Override
  public String toString() {
    return "Signer(" + publicKey + ")"; // never the seed
  }

  /** Yields a fixed seed once; anything else asked of it is a bug in the JDK assumption above. */
  private static final class SeedRandom extends SecureRandom {
    private final byte[] seed;
    private boolean used;

    SeedRandom(byte[] seed) {
      this.seed = seed;
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (used || bytes.length != seed.length) {
        throw new IllegalStateException("unexpected use of the seed source by the Ed25519 generator");
      }
      used = true;
      System.arraycopy(seed, 0, bytes, 0, seed.length);
    }
  }
}
