package org.ownerless.protocol.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.crypto.PublicKey;
import org.ownerless.protocol.json.StrictJson;

/**
 * Every signed object a verifier takes from a server it does not trust: strict JSON itself, a
 * STREAM_ANNOUNCE, a MANIFEST_ROOT and an EQUIVOCATION_PROOF. The first byte picks the parser (so
 * the committed inputs are a selector byte followed by the genuine objects of
 * docs/test-vectors/protocol.json), the rest is the file.
 *
 * <p>Contract: a value, or the typed refusal — {@link ProtocolException} from {@link StrictJson},
 * {@link VerificationException} from the verifiers — and nothing else. The model parsing runs
 * before the signature check, so mutated genuine objects reach every field rule.
 */
class SignedObjectFuzzTest {
  /** The creator key of the test vectors, and their "now". */
  private static final PublicKey CREATOR = PublicKey.parse("iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w");
  private static final long NOW_MS = 1_764_000_060_000L;

  @FuzzTest(maxDuration = "10m")
  void parse(byte[] input) throws Exception {
    if (input.length == 0) {
      return;
    }
    byte[] json = Arrays.copyOfRange(input, 1, input.length);
    try {
      switch (Math.floorMod(input[0], 4)) {
        case 0 -> assertThat(StrictJson.parse(json)).isNotNull();
        case 1 -> assertThat(Verifier.verifyAnnounce(json, null, NOW_MS).content()).isNotNull();
        case 2 -> assertThat(Verifier.verifyManifest(json, CREATOR).content()).isNotNull();
        default -> assertThat(EquivocationProof.verify(json, null)).isNotNull();
      }
    } catch (ProtocolException | VerificationException refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
  }
}
