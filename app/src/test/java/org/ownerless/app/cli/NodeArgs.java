package org.ownerless.app.cli;

import java.util.ArrayList;
import java.util.List;
import org.ownerless.app.node.NodeSettings;
import picocli.CommandLine;

/** `node`'s settings as its command line (and --config file) make them, without starting a node. */
final class NodeArgs {
  private NodeArgs() {}

  static NodeSettings settings(String... args) throws Exception {
    NodeCommand command = new NodeCommand();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--ffmpeg");
    all.add("/bin/sh"); // any executable: building the settings only checks it exists
    new CommandLine(command).parseArgs(all.toArray(String[]::new));
    return command.settings();
  }
}
