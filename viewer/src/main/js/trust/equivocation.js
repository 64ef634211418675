// The equivocation proof of protocol §4.5: two objects signed by the same key for the same
// position (two MANIFEST_ROOTs of one rendition with equal epoch and treeSize but different
// rootHash, or two STREAM_ANNOUNCEs with equal seq and different content). It is unsigned: the two
// signatures are the evidence, so anyone (e.g. `ownerless verify FILE`) can re-check it.

import { deepFreeze } from './freeze.js';

/** {type: 'EQUIVOCATION_PROOF', v: 1, first, second} from the two parsed signed objects (with sig). */
export function equivocationProof(first, second) {
  return deepFreeze({ type: 'EQUIVOCATION_PROOF', v: 1, first, second });
}
