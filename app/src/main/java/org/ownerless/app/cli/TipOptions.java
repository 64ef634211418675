package org.ownerless.app.cli;

import picocli.CommandLine.Option;

/** The tip-target flags shared by `announce` and `node`; checked together by TipTargets. */
public final class TipOptions {
  @Option(names = "--lightning", paramLabel = "ADDR", description = "Lightning address for tips (user@domain)")
  String lightning;

  @Option(names = "--evm", paramLabel = "ADDR", description = "EVM address for tips (0x...); needs --chain-id")
  String evm;

  @Option(names = "--chain-id", paramLabel = "N", description = "EIP-155 chain id of --evm (1 = Ethereum mainnet)")
  Long chainId;
}
