package org.ownerless.ingest.rtmp.amf;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * AMF0 as it arrives in RTMP command and data messages: any bytes give the values or an
 * {@link Amf0Exception} (the refusal the session turns into one protocol-error line), never another
 * exception, and a refusal leaves the buffer where it was. Inputs: {@code Amf0FuzzTestInputs/}.
 */
class Amf0FuzzTest {
  @FuzzTest(maxDuration = "10m")
  void readAll(byte[] input) {
    ByteBuf in = Unpooled.wrappedBuffer(input);
    try {
      List<Object> values = Amf0Reader.readAll(in);
      assertThat(in.isReadable()).as("readAll consumes the whole message").isFalse();
      assertThat(values.size()).isLessThanOrEqualTo(Amf0Reader.MAX_ENTRIES);
    } catch (Amf0Exception refused) {
      assertThat(in.readerIndex()).as("a refusal rewinds the buffer").isZero();
    }
  }
}
