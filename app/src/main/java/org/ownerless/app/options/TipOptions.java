package org.ownerless.app.options;

import org.ownerless.protocol.model.TipTargets;
import picocli.CommandLine.Option;

/** The tip-target flags shared by `announce` and `node`; checked together by TipTargets. */
public final class TipOptions {
  @Option(names = "--lightning", paramLabel = "ADDR", description = "Lightning address for tips (user@domain).")
  String lightning;

  @Option(names = "--evm", paramLabel = "ADDR", description = "EVM address for tips (0x...); needs --chain-id.")
  String evm;

  @Option(names = "--chain-id", paramLabel = "N", description = "EIP-155 chain id of --evm (1 = Ethereum mainnet).")
  Long chainId;

  /** The targets as given; TipTargets refuses an EVM address without its chain (IllegalArgumentException). */
  public TipTargets targets() {
    return new TipTargets(lightning, evm, chainId);
  }
}
