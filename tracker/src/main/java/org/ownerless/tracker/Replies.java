package org.ownerless.tracker;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * The tracker's outbound messages, encoded as UTF-8 JSON straight into pooled buffers. Offers and
 * answers are copied byte for byte from the client's message (already validated as JSON objects).
 * Field order and escaping are the same as {@link JsonOut} produced.
 */
final class Replies {
  private static final byte[] OFFER_HEAD = ascii("{\"action\":\"announce\",\"offer\":");
  private static final byte[] ANSWER_HEAD = ascii("{\"action\":\"announce\",\"answer\":");
  private static final byte[] OFFER_ID = ascii(",\"offer_id\":");
  private static final byte[] PEER_ID = ascii(",\"peer_id\":");
  private static final byte[] INFO_HASH = ascii(",\"info_hash\":");
  private static final byte[] COMPLETE = ascii(",\"complete\":");
  private static final byte[] INCOMPLETE = ascii(",\"incomplete\":");
  private static final byte[] SCRAPE_HEAD = ascii("{\"action\":\"scrape\",\"files\":{");
  private static final byte[] SCRAPE_COMPLETE = ascii(":{\"complete\":");
  private static final byte[] DOWNLOADED = ascii(",\"downloaded\":");
  private final byte[] announceHead;
  private final ByteBufAllocator alloc;

  Replies(int announceInterval, ByteBufAllocator alloc) {
    this.announceHead = ascii("{\"action\":\"announce\",\"interval\":" + announceInterval);
    this.alloc = alloc;
  }

  /** {action:"announce", interval, info_hash, complete, incomplete}. */
  ByteBuf announce(WireId infoHash, int complete, int incomplete) {
    ByteBuf b = alloc.buffer(announceHead.length + 100);
    b.writeBytes(announceHead).writeBytes(INFO_HASH);
    infoHash.writeJson(b);
    b.writeBytes(COMPLETE);
    JsonBytes.writeLong(b, complete);
    b.writeBytes(INCOMPLETE);
    JsonBytes.writeLong(b, incomplete);
    return b.writeByte('}');
  }

  /** {action:"announce", offer, offer_id, peer_id, info_hash}: offer i of r, from r's peer. */
  ByteBuf offer(TrackerRequest r, int i, WireId infoHash) {
    return relay(OFFER_HEAD, r.source, r.offerStart[i], r.offerEnd[i], r.offerIdHigh(i), r.offerIdMiddle(i),
        r.offerIdLow(i), r.peerId, infoHash);
  }

  /** {action:"announce", answer, offer_id, peer_id, info_hash}: r's answer, from r's peer. */
  ByteBuf answer(TrackerRequest r, WireId infoHash) {
    return relay(ANSWER_HEAD, r.source, r.answerStart, r.answerEnd, r.offerIdHigh, r.offerIdMiddle, r.offerIdLow,
        r.peerId, infoHash);
  }

  private ByteBuf relay(byte[] head, byte[] src, int start, int end, long idHigh, long idMiddle, int idLow,
      WireId from, WireId infoHash) {
    ByteBuf b = alloc.buffer(head.length + (end - start) + 180);
    b.writeBytes(head).writeBytes(src, start, end - start).writeBytes(OFFER_ID);
    WireId.writeJson(b, idHigh, idMiddle, idLow);
    b.writeBytes(PEER_ID);
    from.writeJson(b);
    b.writeBytes(INFO_HASH);
    infoHash.writeJson(b);
    return b.writeByte('}');
  }

  /** {action:"scrape", files:{...}}; entries are added with {@link #scrapeEntry}, closed by {@link #scrapeEnd}. */
  ByteBuf scrapeStart() {
    return alloc.buffer(SCRAPE_HEAD.length + 96).writeBytes(SCRAPE_HEAD);
  }

  void scrapeEntry(ByteBuf b, boolean first, WireId infoHash, int complete, int incomplete, long downloaded) {
    if (!first) {
      b.writeByte(',');
    }
    infoHash.writeJson(b);
    b.writeBytes(SCRAPE_COMPLETE);
    JsonBytes.writeLong(b, complete);
    b.writeBytes(INCOMPLETE);
    JsonBytes.writeLong(b, incomplete);
    b.writeBytes(DOWNLOADED);
    JsonBytes.writeLong(b, downloaded);
    b.writeByte('}');
  }

  ByteBuf scrapeEnd(ByteBuf b) {
    return b.writeByte('}').writeByte('}');
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
