package org.ownerless.protocol.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.json.JsonFields;
import org.ownerless.protocol.json.StrictJson;

/**
 * Where viewers may tip the creator. Only targets inside a verified announce are ever offered, so
 * an origin cannot redirect tips.
 *
 * @param lightning a Lightning address (LUD-16, user@domain), or null
 * @param evmAddress a 0x-prefixed 20-byte EVM address, or null
 * @param evmChainId the EIP-155 chain id the address is meant for; present exactly when the address is
 */
public record TipTargets(String lightning, String evmAddress, Long evmChainId) {
  public static final Pattern LIGHTNING_ADDRESS =
      Pattern.compile("[a-z0-9._+-]{1,64}@[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?)+");
  public static final Pattern EVM_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  public static final TipTargets NONE = new TipTargets(null, null, null);

  public TipTargets {
    if (lightning != null && !LIGHTNING_ADDRESS.matcher(lightning).matches()) {
      throw new IllegalArgumentException("not a Lightning address (user@domain, lowercase): " + lightning);
    }
    if ((evmAddress == null) != (evmChainId == null)) {
      throw new IllegalArgumentException("an EVM tip target needs both an address and a chain id");
    }
    if (evmAddress != null && !EVM_ADDRESS.matcher(evmAddress).matches()) {
      throw new IllegalArgumentException("not an EVM address (0x and 40 hex digits): " + evmAddress);
    }
    if (evmChainId != null && (evmChainId < 1 || evmChainId > StrictJson.MAX_SAFE_INTEGER)) {
      throw new IllegalArgumentException("EVM chain id out of range: " + evmChainId);
    }
  }

  public Optional<String> lightningAddress() {
    return Optional.ofNullable(lightning);
  }

  public boolean hasEvm() {
    return evmAddress != null;
  }

  static TipTargets fromJson(JsonFields f) throws ProtocolException {
    String lightning = f.has("lightning")
        ? f.string("lightning", LIGHTNING_ADDRESS, "a Lightning address (user@domain, lowercase)") : null;
    String address = null;
    Long chainId = null;
    JsonFields evm = f.optionalObject("evm");
    if (evm != null) {
      address = evm.string("address", EVM_ADDRESS, "0x followed by 40 hex digits");
      chainId = evm.integer("chainId", 1, StrictJson.MAX_SAFE_INTEGER);
      evm.rejectUnknown();
    }
    f.rejectUnknown();
    return new TipTargets(lightning, address, chainId);
  }

  ObjectNode toJson() {
    ObjectNode o = StrictJson.mapper().createObjectNode();
    if (lightning != null) {
      o.put("lightning", lightning);
    }
    if (evmAddress != null) {
      ObjectNode evm = o.putObject("evm");
      evm.put("address", evmAddress);
      evm.put("chainId", evmChainId);
    }
    return o;
  }
}
