package org.ownerless.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ownerless.app.Checked;
import org.ownerless.app.ExitCodes;
import org.ownerless.app.UserError;
import org.ownerless.app.UserText;
import org.ownerless.app.options.DataDirOption;
import org.ownerless.app.options.HostOption;
import org.ownerless.app.options.HttpPortOption;
import org.ownerless.app.options.PublicUrlOption;
import org.ownerless.app.options.ServerUrls;
import org.ownerless.app.options.TlsOptions;
import org.ownerless.app.relay.Relay;
import org.ownerless.app.relay.RelayOptions;
import org.ownerless.origin.follow.StreamUrl;
import org.ownerless.origin.relay.RelayConfig;
import org.ownerless.protocol.model.StreamId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "relay",
    mixinStandardHelpOptions = true,
    description = {
        "Mirrors one stream from an upstream (a node, another relay, a bucket) and serves it with the same URLs.",
        "Every file is verified against the creator's key before it is served: announce, manifests, and each "
            + "segment before it is stored.",
        "An upstream that fails or serves anything unverifiable is reported and the next one is used: the "
            + "--upstream URLs in order, then the origins the signed announce names; one found ahead of the one "
            + "read is read instead.",
        "An upstream that is down (at start or later) is retried with back-off; the relay serves what it holds "
            + "meanwhile and logs one line when the outage starts and one when it ends. Runs until Ctrl-C."})
public final class RelayCommand implements Callable<Integer>, Checked {
  @Spec CommandSpec spec;

  @Option(names = "--upstream", paramLabel = "URL", required = true,
      description = "Where to read the stream: a base URL (http://node:8080/) or a stream URL (repeatable, tried in order).")
  List<String> upstreams = new ArrayList<>();

  @Option(names = "--stream", paramLabel = "PUB/NAME", required = true,
      description = "The stream to mirror: creator public key / stream name.")
  String stream;

  @Mixin HostOption host = new HostOption("0.0.0.0");
  @Mixin HttpPortOption httpPort = new HttpPortOption(8081);
  @Mixin DataDirOption data = new DataDirOption(Path.of("ownerless-relay"));
  @Mixin PublicUrlOption publicUrl = new PublicUrlOption();

  @Option(names = "--retention", paramLabel = "N",
      description = "Segments kept per rendition; 0 keeps everything (default: " + RelayConfig.DEFAULT_KEEP + ").")
  int retention = RelayConfig.DEFAULT_KEEP;

  @Mixin TlsOptions tls = new TlsOptions();

  @Override
  public Integer call() throws IOException, InterruptedException {
    RelayOptions options = resolve();
    Relay relay = Relay.start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      relay.close();
      stopped.countDown();
    }, "relay-shutdown"));
    printBanner(relay, options, spec.commandLine().getOut());
    stopped.await();
    return ExitCodes.OK;
  }

  /** Every flag checked (the same {@link #resolve()} {@link #call()} starts with); nothing is contacted. */
  @Override
  public void check() {
    resolve();
  }

  RelayOptions resolve() {
    StreamId id;
    try {
      id = StreamId.parse(stream);
    } catch (IllegalArgumentException e) {
      throw new UserError("--stream must be PUB/NAME (the creator's 43-character key and the stream name), not "
          + UserText.quote(stream) + ": " + e.getMessage());
    }
    // Base URLs get their trailing slash like everywhere else (http://node:8080 → http://node:8080/).
    List<String> upstreamUrls = new ArrayList<>();
    for (String u : upstreams) {
      try {
        StreamUrl.forStream(u.strip(), id);
      } catch (IllegalArgumentException e) {
        throw new UserError("--upstream: " + e.getMessage());
      }
      upstreamUrls.add(ServerUrls.base("--upstream", u, ServerUrls.HTTP));
    }
    String publicBase = null;
    if (publicUrl.value() != null) {
      try {
        StreamUrl.forStream(publicUrl.value().strip(), id);
      } catch (IllegalArgumentException e) {
        throw new UserError("--public-url: " + e.getMessage());
      }
      publicBase = ServerUrls.base("--public-url", publicUrl.value(), ServerUrls.HTTP);
    }
    if (retention < 0) {
      throw new UserError("--retention must be 0 (keep everything) or a number of segments");
    }
    return new RelayOptions(id, upstreamUrls, data.value(), host.value(), httpPort.value(), publicBase, retention,
        tls.cert(), tls.key());
  }

  private static void printBanner(Relay relay, RelayOptions options, PrintWriter out) {
    out.println("ownerless relay — stream " + options.stream());
    out.println("  Upstream: " + String.join(", ", options.upstreams()) + " (then the announce's origins)");
    out.println("  Watch:  " + relay.watchUrl());
    out.println("  Stream: " + relay.streamUrl());
    out.println("  Verify: ./ownerless verify " + relay.streamUrl());
    out.println("  Metrics: " + relay.publicUrl() + "metrics");
    out.println("  To list it in the signed announce: ./ownerless node ... --origin " + relay.publicUrl());
    out.flush();
  }
}
