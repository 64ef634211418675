package org.ownerless.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 6455's rule for text messages, with raw frames (a JDK client cannot send invalid UTF-8):
 * a message that is not UTF-8 fails the connection with 1007; a character split across two
 * fragments is not an error.
 */
class TrackerUtf8Test {
  TrackerServer server;
  Socket socket;
  DataInputStream in;
  OutputStream out;

  @BeforeEach
  void connect() throws Exception {
    server = new TrackerServer(new InetSocketAddress("127.0.0.1", 0), TrackerConfig.defaults());
    int port = server.start();
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    out = socket.getOutputStream();
    in = new DataInputStream(socket.getInputStream());
    out.write(("GET /announce HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) head.append((char) in.readUnsignedByte());
    assertThat(head.toString()).startsWith("HTTP/1.1 101");
  }

  @AfterEach
  void close() throws Exception {
    socket.close();
    server.close();
  }

  /** A masked client frame; payloads here stay under 126 bytes. */
  private void frame(boolean fin, int opcode, byte[] payload) throws Exception {
    int[] key = {0x11, 0x22, 0x33, 0x44};
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.write((fin ? 0x80 : 0) | opcode);
    f.write(0x80 | payload.length);
    for (int k : key) f.write(k);
    for (int i = 0; i < payload.length; i++) f.write(payload[i] ^ key[i & 3]);
    out.write(f.toByteArray());
    out.flush();
  }

  /** The next server frame: opcode, then payload. */
  private byte[] read(int[] opcode) throws Exception {
    opcode[0] = in.readUnsignedByte() & 0x0F;
    int len = in.readUnsignedByte() & 0x7F;
    if (len == 126) len = in.readUnsignedShort();
    byte[] p = new byte[len];
    in.readFully(p);
    return p;
  }

  @Test
  void aTextMessageThatIsNotUtf8ClosesWith1007() throws Exception {
    byte[] bad = "{\"action\":\"announce\",\"x\":\"??\"}".getBytes(StandardCharsets.US_ASCII);
    bad[26] = (byte) 0xC3; // a lead byte followed by '?', not a continuation byte
    frame(true, 1, bad);
    int[] op = new int[1];
    byte[] p = read(op);
    assertThat(op[0]).as("close frame").isEqualTo(8);
    assertThat(((p[0] & 0xFF) << 8) | (p[1] & 0xFF)).isEqualTo(1007);
  }

  @Test
  void aCharacterSplitAcrossFragmentsIsFine() throws Exception {
    byte[] msg = ("{\"action\":\"announce\",\"info_hash\":\"" + TrackerProtocolTest.HASH + "\",\"peer_id\":\""
        + TrackerProtocolTest.A + "\",\"numwant\":0,\"uploaded\":0,\"downloaded\":0,\"left\":1}")
        .getBytes(StandardCharsets.UTF_8);
    int split = new String(msg, StandardCharsets.ISO_8859_1).indexOf('\u00c3') + 1; // inside ÿ's two bytes
    frame(false, 1, java.util.Arrays.copyOfRange(msg, 0, split));
    frame(true, 0, java.util.Arrays.copyOfRange(msg, split, msg.length));
    int[] op = new int[1];
    String reply = new String(read(op), StandardCharsets.UTF_8);
    assertThat(op[0]).isEqualTo(1);
    assertThat(reply).contains("\"interval\":120");
  }
}
