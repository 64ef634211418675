/**
 * The one error type of the tipping code. `code` is machine-readable; `message` is a sentence
 * that can be shown to the viewer as is.
 *
 * Codes:
 *   invalid-target        the announce's tip target is malformed (should not happen: it is signed and verified)
 *   invalid-amount        the viewer's amount is not acceptable (format, zero, too many decimals, too large)
 *   amount-out-of-bounds  the LNURL service does not accept that amount
 *   network               the request could not be made (offline, CORS, DNS, TLS)
 *   timeout               the request took too long
 *   aborted               the caller aborted (e.g. the panel was destroyed)
 *   http                  the service answered with an unexpected HTTP status
 *   too-large             the response exceeded the size limit
 *   invalid-response      the service's answer does not follow LUD-06 / LUD-16
 *   service-error         the service answered {status:"ERROR", reason}
 *   invalid-invoice       the BOLT11 invoice is malformed or its checksum is wrong
 *   amount-mismatch       the invoice asks for another amount than the one requested
 *   description-mismatch  the invoice's description hash is not SHA-256 of the LNURL metadata
 *   no-wallet             no WebLN / EIP-1193 wallet is available
 *   refused               the viewer cancelled in the wallet
 *   wallet                the wallet failed (anything but a refusal)
 *   unsupported-chain     the wallet does not know the signed chain (EIP-1193 error 4902)
 *   wrong-chain           the wallet is not on the signed chain after switching
 */
export class TipError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   * @param {{cause?: unknown}} [options]
   */
  constructor(code, message, options) {
    super(message, options);
    this.name = 'TipError';
    this.code = code;
  }
}

/** Shortens a string coming from the network before it is put into a message. */
export function clip(text, max = 200) {
  const s = String(text);
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}
