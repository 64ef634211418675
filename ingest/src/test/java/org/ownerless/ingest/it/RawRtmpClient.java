package org.ownerless.ingest.it;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ownerless.ingest.rtmp.ChunkDecoder;
import org.ownerless.ingest.rtmp.ChunkEncoder;
import org.ownerless.ingest.rtmp.MessageTypes;
import org.ownerless.ingest.rtmp.RtmpMessage;
import org.ownerless.ingest.rtmp.amf.Amf0Reader;
import org.ownerless.ingest.rtmp.amf.Amf0Writer;

/**
 * A deliberately scriptable RTMP client for the cases real encoders never produce: wrong tokens
 * read back exactly, half-open publishers, hostile bytes, clients that stop reading.
 */
final class RawRtmpClient implements AutoCloseable {
  final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final EmbeddedChannel encoder = new EmbeddedChannel(new ChunkEncoder());
  private final EmbeddedChannel decoder = new EmbeddedChannel(new ChunkDecoder());

  RawRtmpClient(int port) throws IOException {
    this(port, 0);
  }

  /** @param receiveBuffer a small SO_RCVBUF makes "stops reading" bite quickly; 0 for the default */
  RawRtmpClient(int port, int receiveBuffer) throws IOException {
    socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(5000);
    out = socket.getOutputStream();
    in = socket.getInputStream();
  }

  void handshake() throws IOException {
    byte[] c1 = new byte[1536];
    new Random(7).nextBytes(c1);
    out.write(3);
    out.write(c1);
    out.flush();
    byte[] s = in.readNBytes(1 + 1536 + 1536);
    if (s.length != 3073) {
      throw new IOException("server closed during handshake");
    }
    out.write(s, 1, 1536); // C2 echoes S1
    out.flush();
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  void send(RtmpMessage message) throws IOException {
    encoder.writeOutbound(message);
    for (ByteBuf b; (b = encoder.readOutbound()) != null; ) {
      try {
        out.write(ByteBufUtil.getBytes(b));
      } finally {
        b.release();
      }
    }
    out.flush();
  }

  void command(int messageStreamId, Object... values) throws IOException {
    ByteBuf payload = Unpooled.buffer();
    for (Object v : values) {
      Amf0Writer.write(payload, v);
    }
    send(new RtmpMessage(3, MessageTypes.COMMAND_AMF0, 0, messageStreamId, payload));
  }

  void connect(String app) throws IOException {
    Map<String, Object> obj = new LinkedHashMap<>();
    obj.put("app", app);
    obj.put("type", "nonprivate");
    obj.put("tcUrl", "rtmp://127.0.0.1/" + app);
    command(0, "connect", 1.0, obj);
  }

  /** connect, createStream and publish; returns the onStatus info object of the publish. */
  Map<String, Object> publish(String streamKey) throws IOException {
    connect("live");
    awaitCommand("_result");
    command(0, "createStream", 2.0, null);
    awaitCommand("_result");
    command(1, "publish", 0.0, null, streamKey, "live");
    return info(awaitCommand("onStatus"));
  }

  /** Reads messages until a command named {@code name} arrives; returns its AMF0 values. */
  List<Object> awaitCommand(String name) throws IOException {
    while (true) {
      RtmpMessage m = read();
      try {
        if (m.typeId() == MessageTypes.COMMAND_AMF0) {
          List<Object> values = Amf0Reader.readAll(m.payload());
          if (name.equals(values.get(0))) {
            return values;
          }
        }
      } finally {
        m.release();
      }
    }
  }

  RtmpMessage read() throws IOException {
    byte[] buf = new byte[8192];
    while (true) {
      RtmpMessage m = decoder.readInbound();
      if (m != null) {
        return m;
      }
      int n = in.read(buf);
      if (n < 0) {
        throw new IOException("connection closed by server");
      }
      decoder.writeInbound(Unpooled.copiedBuffer(buf, 0, n));
    }
  }

  /** True once the server closed the connection (EOF or reset) within {@code millis}. */
  boolean closedByServerWithin(long millis) throws IOException {
    long deadline = System.currentTimeMillis() + millis;
    socket.setSoTimeout(200);
    byte[] buf = new byte[65536];
    while (System.currentTimeMillis() < deadline) {
      try {
        if (in.read(buf) < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        // still open
      } catch (IOException e) {
        return true; // reset
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> info(List<Object> onStatus) {
    return (Map<String, Object>) onStatus.get(3);
  }

  @Override
  public void close() throws IOException {
    encoder.finishAndReleaseAll();
    decoder.finishAndReleaseAll();
    socket.close();
  }
}
