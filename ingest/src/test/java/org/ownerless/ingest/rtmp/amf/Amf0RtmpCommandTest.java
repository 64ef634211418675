package org.ownerless.ingest.rtmp.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole messages as real publishers (ffmpeg, OBS) put them on the wire. */
class Amf0RtmpCommandTest {

  private static Map<String, Object> connectObject() {
    Map<String, Object> command = new LinkedHashMap<>();
    command.put("app", "live");
    command.put("flashVer", "FMLE/3.0 (compatible; Lavf61.7.100)");
    command.put("tcUrl", "rtmp://127.0.0.1:1935/live");
    command.put("fpad", false);
    command.put("capabilities", 15.0);
    command.put("audioCodecs", 4071.0);
    command.put("videoCodecs", 252.0);
    command.put("videoFunction", 1.0);
    return command;
  }

  @Test
  void anFfmpegConnectCommandRoundTripsWithItsPropertyOrder() {
    ByteBuf wire = Unpooled.buffer();
    Amf0Writer.writeAll(wire, "connect", 1.0, connectObject());
    byte[] sent = ByteBufUtil.getBytes(wire);

    List<Object> received = Amf0Reader.readAll(wire);

    assertThat(received).containsExactly("connect", 1.0, connectObject());
    assertThat(received.get(2)).asInstanceOf(map(String.class, Object.class)).containsExactlyEntriesOf(connectObject());
    ByteBuf again = Unpooled.buffer();
    Amf0Writer.writeAll(again, received.toArray());
    assertThat(ByteBufUtil.getBytes(again)).isEqualTo(sent);
  }

  @Test
  void anFfmpegConnectCommandHasTheExpectedLeadingBytes() {
    assertThat(Hex.encodeAll("connect", 1.0, connectObject()))
        .startsWith("02 00 07 63 6f 6e 6e 65 63 74 00 3f f0 00 00 00 00 00 00 03 00 03 61 70 70 02 00 04 6c 69 76 65 "
            + "00 08 66 6c 61 73 68 56 65 72 02 00 23")
        .endsWith("00 0d 76 69 64 65 6f 46 75 6e 63 74 69 6f 6e 00 3f f0 00 00 00 00 00 00 00 00 09");
  }

  @Test
  void aPublishCommandWithANullCommandObjectDecodes() {
    ByteBuf wire = Hex.buffer("02 00 07 70 75 62 6c 69 73 68 00 40 14 00 00 00 00 00 00 05"
        + " 02 00 03 6b 65 79 02 00 04 6c 69 76 65");
    assertThat(Amf0Reader.readAll(wire)).isEqualTo(Arrays.asList("publish", 5.0, null, "key", "live"));
  }

  private static Map<String, Object> metadata() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("duration", 0.0);
    metadata.put("width", 1280.0);
    metadata.put("height", 720.0);
    metadata.put("videodatarate", 2500.0);
    metadata.put("framerate", 30.0);
    metadata.put("videocodecid", 7.0);
    metadata.put("audiodatarate", 128.0);
    metadata.put("audiosamplerate", 48000.0);
    metadata.put("audiosamplesize", 16.0);
    metadata.put("stereo", true);
    metadata.put("audiocodecid", 10.0);
    metadata.put("encoder", "Lavf61.7.100");
    metadata.put("filesize", 0.0);
    return metadata;
  }

  @Test
  void setDataFrameWritesOnMetaDataAsAnEcmaArrayWithItsTrueCount() {
    ByteBuf wire = Unpooled.buffer();
    Amf0Writer.writeAll(wire, "@setDataFrame", "onMetaData", new EcmaArray(metadata()));
    int ecmaAt = 3 + "@setDataFrame".length() + 3 + "onMetaData".length();
    assertThat(wire.getUnsignedByte(ecmaAt)).isEqualTo((short) Amf0.ECMA_ARRAY_MARKER);
    assertThat(wire.getUnsignedInt(ecmaAt + 1)).isEqualTo(metadata().size());
  }

  @ParameterizedTest(name = "declared count {0}")
  @ValueSource(longs = {0, 1, 12, 14, 0xFFFFFFFFL})
  void onMetaDataWithAWrongEcmaArrayCountStillDecodesEveryEntry(long declaredCount) {
    ByteBuf wire = Unpooled.buffer();
    Amf0Writer.writeAll(wire, "@setDataFrame", "onMetaData", new EcmaArray(metadata()));
    int ecmaAt = 3 + "@setDataFrame".length() + 3 + "onMetaData".length();
    wire.setInt(ecmaAt + 1, (int) declaredCount);

    List<Object> received = Amf0Reader.readAll(wire);

    assertThat(received).hasSize(3);
    assertThat(received.subList(0, 2)).containsExactly("@setDataFrame", "onMetaData");
    assertThat(received.get(2)).asInstanceOf(map(String.class, Object.class)).containsExactlyEntriesOf(metadata());
  }
}
