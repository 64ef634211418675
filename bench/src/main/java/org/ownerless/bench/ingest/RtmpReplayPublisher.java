package org.ownerless.bench.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ownerless.ingest.rtmp.ChunkEncoder;
import org.ownerless.ingest.rtmp.MessageTypes;
import org.ownerless.ingest.rtmp.RtmpMessage;
import org.ownerless.ingest.rtmp.amf.Amf0Writer;

/**
 * Publishes FLV tags over RTMP to any server (ours, nginx-rtmp), paced by their timestamps (or as
 * fast as possible), and records the wall-clock time at which each video keyframe was sent.
 * Replies are read and discarded on a background thread so the server never sees a stalled client.
 */
final class RtmpReplayPublisher implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final EmbeddedChannel encoder = new EmbeddedChannel(new ChunkEncoder());
  final List<Long> keyframeSentNanos = new ArrayList<>();
  long bytesSent;
  final Thread drainThread;

  RtmpReplayPublisher(String host, int port) throws IOException {
    socket = new Socket(host, port);
    socket.setTcpNoDelay(true);
    out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    byte[] c1 = new byte[1536];
    new Random(3).nextBytes(c1);
    out.write(3);
    out.write(c1);
    out.flush();
    byte[] s = in.readNBytes(3073);
    out.write(s, 1, 1536);
    out.flush();
    drainThread = new Thread(() -> {
      byte[] buf = new byte[8192];
      try {
        while (in.read(buf) >= 0) {
          // replies are not needed for the measurement
        }
      } catch (IOException e) {
        // closed
      }
    }, "rtmp-replay-drain");
    drainThread.setDaemon(true);
    drainThread.start();
  }

  void publish(String app, String streamKey) throws IOException {
    Map<String, Object> obj = new LinkedHashMap<>();
    obj.put("app", app);
    obj.put("tcUrl", "rtmp://127.0.0.1/" + app);
    command(0, "connect", 1.0, obj);
    send(new RtmpMessage(2, MessageTypes.SET_CHUNK_SIZE, 0, 0, Unpooled.buffer(4).writeInt(4096)));
    encoder.pipeline().get(ChunkEncoder.class).setChunkSize(4096);
    command(0, "releaseStream", 2.0, null, streamKey);
    command(0, "FCPublish", 3.0, null, streamKey);
    command(0, "createStream", 4.0, null);
    command(1, "publish", 5.0, null, streamKey, "live");
  }

  /** Sends every tag; with {@code realTime} each waits for its timestamp, as a live encoder would. */
  void replay(List<FlvFile.Tag> tags, boolean realTime) throws IOException, InterruptedException {
    long start = System.nanoTime();
    long firstTs = tags.isEmpty() ? 0 : tags.get(0).timestampMs();
    for (FlvFile.Tag t : tags) {
      if (realTime) {
        long due = start + (t.timestampMs() - firstTs) * 1_000_000;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
      int csid = t.type() == 9 ? 6 : t.type() == 8 ? 4 : 5;
      send(new RtmpMessage(csid, t.type(), t.timestampMs(), 1, Unpooled.wrappedBuffer(t.body())));
      if (t.isVideoKeyframe()) {
        keyframeSentNanos.add(System.nanoTime());
      }
    }
  }

  private void command(int streamId, Object... values) throws IOException {
    ByteBuf payload = Unpooled.buffer();
    for (Object v : values) {
      Amf0Writer.write(payload, v);
    }
    send(new RtmpMessage(3, MessageTypes.COMMAND_AMF0, 0, streamId, payload));
  }

  private void send(RtmpMessage m) throws IOException {
    encoder.writeOutbound(m);
    for (ByteBuf b; (b = encoder.readOutbound()) != null; ) {
      try {
        bytesSent += b.readableBytes();
        out.write(ByteBufUtil.getBytes(b));
      } finally {
        b.release();
      }
    }
    out.flush();
  }

  @Override
  public void close() throws IOException {
    encoder.finishAndReleaseAll();
    socket.close();
  }
}
