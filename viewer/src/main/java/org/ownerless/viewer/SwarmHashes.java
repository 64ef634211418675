package org.ownerless.viewer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ownerless.protocol.model.Rendition;
import org.ownerless.protocol.model.StreamId;

/**
 * The tracker info_hash each rendition's viewers announce, derived as the viewer's P2P engine derives it
 * (p2p-media-loader 2.3 with hls.js 1.7, versions pinned by viewer/package-lock.json), so a node can
 * restrict its tracker to its own swarms. SwarmHashesTest checks it against that code running under
 * node (viewer/tools/swarm-hashes.mjs). The chain, facts read from those libraries:
 *
 * <ol>
 *   <li>the viewer's swarm id is {@code ownerless-v1:PUB/NAME} (player/delivery.js);
 *   <li>the master playlist the viewer writes gives hls.js BANDWIDTH, RESOLUTION (only when both sides
 *       are positive) and CODECS (player/playlists.js); hls.js keeps the video codecs of CODECS as the
 *       level's videoCodec (sample-entry names it knows, by their first four characters);
 *   <li>the engine names the rendition's stream {@code main-} + base64(sha1(a string of bitrate,
 *       normalized video codecs, width, height and five attributes our playlists never set));
 *   <li>the info_hash is base64 of the first 15 bytes of sha1({@code v2-SWARM-main-SHORTID}): 20 ASCII
 *       characters, sent to the tracker as they are.
 * </ol>
 *
 * A codec hls.js does not know at all (neither audio nor video) is left out here; hls.js drops such a
 * rendition when others are playable, or, when none is, may count the codec as video if the browser
 * plays it, and then the viewers announce a hash this does not predict. The node's ingest only signs
 * codecs hls.js knows.
 */
public final class SwarmHashes {
  /** The engine's version of its peer protocol, part of every stream's swarm id. */
  private static final String PEER_PROTOCOL = "v2";
  /** hls.js's video sample entries (utils/codecs.ts), the codecs it keeps as a level's videoCodec. */
  private static final Set<String> VIDEO_SAMPLE_ENTRIES = Set.of("avc1", "avc2", "avc3", "avc4", "avcp", "av01",
      "dav1", "drac", "dva1", "dvav", "dvh1", "dvhe", "encv", "hev1", "hvc1", "mjp2", "mp4v", "mvc1", "mvc2",
      "mvc3", "mvc4", "resv", "rv60", "s263", "svc1", "svc2", "vc-1", "vp08", "vp09");

  private SwarmHashes() {}

  /** The info_hashes of all of the stream's renditions, in rendition order (equal renditions share one). */
  public static Set<String> of(StreamId stream, List<Rendition> renditions) {
    Set<String> hashes = new LinkedHashSet<>();
    for (Rendition r : renditions) {
      hashes.add(infoHash(stream, r));
    }
    return hashes;
  }

  /** The 20-character info_hash viewers of {@code rendition} announce. */
  public static String infoHash(StreamId stream, Rendition rendition) {
    String swarm = "ownerless-v1:" + stream;
    String streamSwarm = PEER_PROTOCOL + "-" + swarm + "-main-" + shortStreamId(rendition);
    return Base64.getEncoder().encodeToString(Arrays.copyOf(sha1(streamSwarm), 15));
  }

  /** The engine's id for a variant stream, from the attributes hls.js parsed out of our master playlist. */
  static String shortStreamId(Rendition r) {
    boolean resolution = r.width() > 0 && r.height() > 0;
    String w = resolution ? Integer.toString(r.width()) : "";
    String h = resolution ? Integer.toString(r.height()) : "";
    // bitrate-codecs-width-height, then language, channels, name, frame rate and video range: all empty.
    String key = r.bandwidth() + "-" + normalizedCodecs(videoCodecs(r.codecs())) + "-" + w + "-" + h + "-----";
    return Base64.getEncoder().encodeToString(sha1(key));
  }

  /** hls.js: CODECS split on spaces and commas, the video ones kept (without any "/..." suffix). */
  static String videoCodecs(String codecs) {
    List<String> video = new ArrayList<>();
    for (String c : codecs.split("[ ,]+")) {
      if (!c.isEmpty() && VIDEO_SAMPLE_ENTRIES.contains(c.substring(0, Math.min(4, c.length())))) {
        video.add(c.split("/", -1)[0]);
      }
    }
    return String.join(",", video);
  }

  /** The engine: each codec trimmed and lower-cased, decimal avc1.P.L written as hex, sorted. */
  static String normalizedCodecs(String codecs) {
    if (codecs.isEmpty()) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (String c : codecs.split(",", -1)) {
      out.add(avcDecimalToHex(c.trim().toLowerCase(Locale.ROOT)));
    }
    out.sort(null); // String order is UTF-16 code unit order, as JavaScript's default sort
    return String.join(",", out);
  }

  private static String avcDecimalToHex(String c) {
    String[] parts = c.split("\\.", -1);
    if (parts.length != 3 || !(parts[0].equals("avc1") || parts[0].equals("avc"))) {
      return c;
    }
    Long profile = canonicalInteger(parts[1]);
    Long level = canonicalInteger(parts[2]);
    if (profile == null || level == null) {
      return c;
    }
    return parts[0] + "." + hex2(profile) + "00" + hex2(level);
  }

  /**
   * The value of a part the engine converts: one that parseInt reads back as the same text, i.e. an
   * optional minus and digits without leading zeros, small enough for a double to hold exactly.
   */
  private static Long canonicalInteger(String s) {
    if (!s.matches("-?(0|[1-9][0-9]{0,14})") || s.equals("-0")) {
      return null;
    }
    return Long.parseLong(s);
  }

  /** JavaScript's n.toString(16).padStart(2, "0"). */
  private static String hex2(long n) {
    String hex = Long.toString(n, 16);
    return hex.length() >= 2 ? hex : "0".repeat(2 - hex.length()) + hex;
  }

  private static byte[] sha1(String text) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }
}
