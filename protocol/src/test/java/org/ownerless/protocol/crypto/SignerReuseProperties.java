package org.ownerless.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * {@link Signer} keeps one initialized signing object per thread and reuses it. Ed25519 is
 * deterministic, so whatever came before on that object and whichever thread signs, a message must
 * get exactly the signature a brand-new key object gives it.
 */
class SignerReuseProperties {

  @Property(tries = 100)
  void aReusedSigningObjectSignsEveryMessageAsAFreshKeyWould(@ForAll @Size(32) byte[] seed,
      @ForAll @Size(min = 1, max = 8) List<@Size(max = 1024) byte[]> messages) throws Exception {
    Signer reused = Signer.fromSeed(seed);
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      List<Future<byte[]>> signed = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (byte[] m : messages) {
          signed.add(threads.submit(() -> reused.sign(m)));
        }
      }
      for (int i = 0; i < signed.size(); i++) {
        byte[] message = messages.get(i % messages.size());
        byte[] fresh = Signer.fromSeed(seed).sign(message);
        assertThat(signed.get(i).get()).isEqualTo(fresh);
        assertThat(reused.publicKey().verify(message, fresh)).isTrue();
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
