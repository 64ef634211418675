/**
 * EIP-55 mixed-case checksums of EVM addresses: a hex letter is upper case exactly when the
 * matching nibble of Keccak-256(lowercase hex address, as ASCII) is 8 or more. It catches typos in
 * an address that was copied by hand into the node's configuration.
 *
 * An address in one case only (all lower or all upper) carries no checksum; EIP-55 keeps such
 * addresses valid, and so does the viewer: it cannot tell a typo there, and refusing them would
 * refuse every tip target written before checksums were checked.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;

/**
 * @param {string} address 0x and 40 hex digits, any case
 * @returns {string} the EIP-55 checksummed form
 */
export function toChecksumAddress(address) {
  if (typeof address !== 'string' || !ADDRESS_RE.test(address)) throw new TypeError('not an EVM address');
  const hex = address.slice(2).toLowerCase();
  const hash = bytesToHex(keccak_256(utf8ToBytes(hex)));
  let out = '0x';
  for (let i = 0; i < hex.length; i++) out += parseInt(hash[i], 16) >= 8 ? hex[i].toUpperCase() : hex[i];
  return out;
}

/**
 * @param {string} address 0x and 40 hex digits
 * @returns {boolean} false only for a mixed-case address whose case is not its EIP-55 checksum
 */
export function hasValidChecksum(address) {
  const digits = address.slice(2);
  if (digits === digits.toLowerCase() || digits === digits.toUpperCase()) return true;
  return toChecksumAddress(address) === address;
}
