// The equivocation proof of protocol §4.5: two objects signed by the same key that contradict each
// other — two MANIFEST_ROOTs of one rendition with equal epoch and treeSize that differ in rootHash
// or previous; a root of epoch e and one of epoch e + 1 whose previous ends epoch e below that
// root's size, or at its size with another hash; or two STREAM_ANNOUNCEs with equal seq and
// different content. It is unsigned: the two signatures are the evidence, so anyone (e.g.
// `ownerless verify FILE`, or verifyEquivocationProof) can re-check it.

import { deepFreeze } from './freeze.js';
import { PROTOCOL_VERSION } from './signed-object.js';

export const EQUIVOCATION_PROOF_TYPE = 'EQUIVOCATION_PROOF';

/** {type: 'EQUIVOCATION_PROOF', v: 2, first, second} from the two parsed signed objects (with sig). */
export function equivocationProof(first, second) {
  return deepFreeze({ type: EQUIVOCATION_PROOF_TYPE, v: PROTOCOL_VERSION, first, second });
}
