package org.ownerless.app.cli;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ownerless.app.Checked;
import org.ownerless.app.ExitCodes;
import org.ownerless.app.UserError;
import org.ownerless.app.UserText;
import org.ownerless.app.options.DurationParser;
import org.ownerless.app.options.HostOption;
import org.ownerless.app.options.Ports;
import org.ownerless.app.options.ServerUrls;
import org.ownerless.tracker.TrackerConfig;
import org.ownerless.tracker.TrackerServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "tracker",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a standalone WebTorrent-compatible tracker at ws://HOST:PORT/announce.",
        "Viewers of the same rendition meet through it; it never sees media. Limits: docs/tracker.md."})
public final class TrackerCommand implements Callable<Integer>, Checked {
  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8000", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
  int port;

  @Mixin HostOption host = new HostOption("0.0.0.0");

  @Option(names = "--max-connections-per-ip", paramLabel = "N", description = "Connections one address may hold (default: 1000).")
  Integer perIp;

  @Option(names = "--max-connections", paramLabel = "N", description = "Connections in total (default: 100000).")
  Integer maxConnections;

  @Option(names = "--allow-origin", paramLabel = "ORIGIN",
      description = "Accept browsers only from this page origin, e.g. https://watch.example (repeatable; default: any).")
  List<String> origins = new ArrayList<>();

  @Option(names = "--announce-interval", paramLabel = "SECONDS", description = "Interval told to clients (default: 120).")
  Integer interval;

  @Option(names = "--peer-ttl", paramLabel = "DURATION", converter = DurationParser.class,
      description = "Drop a peer that has not announced for this long (default: 240s).")
  Duration peerTtl;

  @Option(names = "--offer-ttl", paramLabel = "DURATION", converter = DurationParser.class,
      description = "An offer can be answered for this long (default: 20s).")
  Duration offerTtl;

  @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = DurationParser.class,
      description = "Close a connection silent for this long (default: 120s).")
  Duration idleTimeout;

  @Option(names = "--max-offers", paramLabel = "N", description = "Offers in one announce (default: 10).")
  Integer maxOffers;

  @Option(names = "--max-swarms-per-connection", paramLabel = "N", description = "Swarms one connection may join (default: 32).")
  Integer maxSwarms;

  @Option(names = "--max-message-bytes", paramLabel = "BYTES", description = "Largest message in bytes (default: 65536).")
  Integer maxMessage;

  @Option(names = "--max-outbound-bytes", paramLabel = "BYTES",
      description = "Bytes queued for a slow reader before it is dropped (default: 262144).")
  Integer maxOutbound;

  @Option(names = "--offers-per-second", paramLabel = "N",
      description = "Offers one connection may have relayed per second, on average (default: 1).")
  Integer offersPerSecond;

  @Option(names = "--offer-burst", paramLabel = "N",
      description = "Offers one connection may have relayed at once (default: 40).")
  Integer offerBurst;

  @Option(names = "--allow-info-hash", paramLabel = "HASH",
      description = "Serve only this swarm (20 characters, as clients send it; repeatable; default: any).")
  List<String> infoHashes = new ArrayList<>();

  @Override
  public void check() {
    Ports.check("--port", port);
    host.value();
    config();
  }

  @Override
  public Integer call() throws Exception {
    check();
    String host = this.host.value();
    TrackerConfig config = config();
    TrackerServer server = new TrackerServer(new InetSocketAddress(host, port), config);
    int bound;
    try {
      bound = server.start();
    } catch (Exception e) {
      server.close();
      if (e instanceof java.net.BindException || e.getCause() instanceof java.net.BindException) {
        throw new UserError("port " + port + " is already in use; choose another with --port");
      }
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "tracker-shutdown"));
    spec.commandLine().getOut().println("ownerless tracker — ws://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host)
        + ":" + bound + "/announce (" + server.transportName() + ")");
    spec.commandLine().getOut().flush();
    stopped.await();
    return ExitCodes.OK;
  }

  private TrackerConfig config() {
    TrackerConfig.Builder b = TrackerConfig.builder();
    if (perIp != null) b.maxConnectionsPerIp(perIp);
    if (maxConnections != null) b.maxConnections(maxConnections);
    if (!origins.isEmpty()) b.allowedOrigins(origins.stream().map(TrackerCommand::pageOrigin).collect(Collectors.toSet()));
    if (interval != null) b.announceInterval(interval);
    if (peerTtl != null) b.peerTtl(peerTtl);
    if (offerTtl != null) b.offerTtl(offerTtl);
    if (idleTimeout != null) b.idleTimeout(idleTimeout);
    if (maxOffers != null) b.maxOffers(maxOffers);
    if (maxSwarms != null) b.maxSwarmsPerConnection(maxSwarms);
    if (maxMessage != null) b.maxMessageBytes(maxMessage);
    if (maxOutbound != null) b.maxOutboundBytes(maxOutbound);
    if (offersPerSecond != null) b.offersPerSecond(offersPerSecond);
    if (offerBurst != null) b.offerBurst(offerBurst);
    if (!infoHashes.isEmpty()) b.infoHashAllowed(Set.copyOf(infoHashes(infoHashes))::contains);
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** Each value must be an info_hash a client can send: 20 characters, each at most U+00FF. */
  static List<String> infoHashes(List<String> values) {
    for (String v : values) {
      if (v.length() != 20 || v.chars().anyMatch(c -> c > 0xff)) {
        throw new UserError("--allow-info-hash " + UserText.quote(v) + " must be 20 characters (an info_hash as "
            + "clients send it, e.g. what the viewer announces), not hex");
      }
    }
    return values;
  }

  /**
   * A page origin as browsers send it in the Origin header: scheme://host[:port], lower case, no path.
   * A trailing slash (https://watch.example/, as URLs are usually copied) is dropped rather than
   * never matching; a path, query or other scheme is an error.
   */
  static String pageOrigin(String value) {
    String url = ServerUrls.base("--allow-origin", value, ServerUrls.HTTP);
    String withoutSlash = url.substring(0, url.length() - 1);
    if (withoutSlash.indexOf('/', withoutSlash.indexOf("://") + 3) >= 0) {
      throw new UserError("--allow-origin " + UserText.quote(value) + " must be a page origin, scheme://host[:port], "
          + "without a path (e.g. https://watch.example)");
    }
    return withoutSlash.toLowerCase(Locale.ROOT);
  }
}
