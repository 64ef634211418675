package org.ownerless.bench.tracker;

/**
 * SDP-looking text of realistic size (~500 bytes, like a browser's data-channel-only offer after
 * trickle ICE is disabled by WebTorrent's simple-peer). The tracker only relays it, so the content
 * is irrelevant; its size is what the server copies around. Pre-escaped as a JSON string body.
 */
final class FakeSdp {
  private FakeSdp() {}

  static final String OFFER = sdp("actpass");
  static final String ANSWER = sdp("active");
  static final byte[] OFFER_JSON = escaped(OFFER);
  static final byte[] ANSWER_JSON = escaped(ANSWER);

  private static String sdp(String setup) {
    return "v=0\r\n"
        + "o=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n"
        + "s=-\r\nt=0 0\r\n"
        + "a=group:BUNDLE 0\r\n"
        + "a=extmap-allow-mixed\r\n"
        + "a=msid-semantic: WMS\r\n"
        + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"
        + "c=IN IP4 0.0.0.0\r\n"
        + "a=candidate:1467250027 1 udp 2122260223 192.0.2.10 46243 typ host generation 0\r\n"
        + "a=ice-ufrag:x9Ud\r\n"
        + "a=ice-pwd:3Qm1kZ7oVbA1ZpGZ0qKfWm7N\r\n"
        + "a=ice-options:trickle\r\n"
        + "a=fingerprint:sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08\r\n"
        + "a=setup:" + setup + "\r\n"
        + "a=mid:0\r\n"
        + "a=sctp-port:5000\r\n"
        + "a=max-message-size:262144\r\n";
  }

  private static byte[] escaped(String s) {
    return Json.ascii(s.replace("\r", "\\r").replace("\n", "\\n"));
  }
}
