// The `previous` field of a MANIFEST_ROOT (protocol §4.3): where the rendition's log of the epoch
// before ended. It makes a new epoch a signed continuation rather than a silent restart: a reader
// holding the old log checks that the new one starts from its end (RootTracker, §4.4).

import { EMPTY_TREE_HASH } from './frontier.js';
import { malformed } from './problems.js';
import { MAX_SAFE_INTEGER } from './strict-json.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Reads `previous` from the root's field reader `f` (or null when absent) and checks it against the
 * root's `epoch`: required after epoch 1, forbidden in epoch 1, naming exactly epoch − 1, and a log
 * of size 0 ending in the empty-tree hash. Every failure is MALFORMED.
 */
export function readEpochLink(f, epoch, where) {
  const p = f.optionalObject('previous');
  let link = null;
  if (p !== null) {
    link = {
      epoch: p.integer('epoch', 1, MAX_SAFE_INTEGER),
      treeSize: p.integer('treeSize', 0, MAX_SAFE_INTEGER),
      rootHash: p.string('rootHash', 64),
    };
    if (!SHA256_HEX.test(link.rootHash)) throw p.error('rootHash', 'expected 64 lowercase hex characters');
    p.rejectUnknown();
    if (link.treeSize === 0 && link.rootHash !== EMPTY_TREE_HASH) {
      throw p.error('rootHash', 'of an empty log must be the empty-tree hash');
    }
  }
  if (epoch === 1 && link !== null) {
    throw malformed(`${where}: a root of epoch 1 has no previous epoch to link to`);
  }
  if (epoch > 1 && (link === null || link.epoch !== epoch - 1)) {
    throw malformed(
      `${where}: a root of epoch ${epoch} must name where epoch ${epoch - 1} ended ('previous')` +
        (link === null ? '' : `, not epoch ${link.epoch}`),
    );
  }
  return link;
}

/** Whether two links (or two absent links) name the same end of the same epoch. */
export function sameEpochLink(a, b) {
  if (a === null || b === null) return a === b;
  return a.epoch === b.epoch && a.treeSize === b.treeSize && a.rootHash === b.rootHash;
}

/** "epoch E size N root H", for messages. */
export function describeEpochLink(link) {
  return link === null ? 'none' : `epoch ${link.epoch} size ${link.treeSize} root ${link.rootHash}`;
}
