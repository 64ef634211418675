// The media sequence numbers hls.js sees for one rendition, across epochs. A new epoch restarts the
// signed log at index 0 (protocol §4.3), but hls.js needs one growing sequence: each epoch gets an
// offset, fixed the first time one of its roots is written. A linked epoch continues right after
// where its `previous` says the old one ended; an epoch reached otherwise (a restart: joining, or an
// epoch skipped) continues after the highest number handed out so far. The new epoch's first entry
// is preceded by EXT-X-DISCONTINUITY (a new log is a new encoder run), and while its window is still
// short the playlist keeps the old epoch's last entries in front of it, so hls.js slides across the
// boundary as across any other segment.

export class EpochSequence {
  constructor() {
    this.offsets = new Map(); // epoch -> media sequence of its index 0
    this.next = 0; // one past the highest sequence number handed out
    this.last = []; // the items of the last playlist
  }

  /**
   * The playlist for `root` (an accepted, verified root): [{seq, epoch, entry, discontinuity}], the
   * sequence numbers consecutive. Also returns through `this.next` where an empty window stands.
   */
  items(root) {
    const offset = this.offsetOf(root);
    const items = root.window.map((entry) => ({
      seq: offset + entry.index,
      epoch: root.epoch,
      entry,
      // The first entry of a later epoch follows another log's last one.
      discontinuity: entry.discontinuity || (root.epoch > 1 && entry.index === 0),
    }));
    const carried = this.carried(items);
    const all = [...carried, ...items];
    this.next = Math.max(this.next, offset + root.treeSize);
    this.last = all;
    return all;
  }

  /** Where the next playlist starts when `root`'s window is empty. */
  emptySequence(root) {
    return this.offsetOf(root) + root.treeSize;
  }

  offsetOf(root) {
    let offset = this.offsets.get(root.epoch);
    if (offset === undefined) {
      const before = this.offsets.get(root.epoch - 1);
      if (this.offsets.size === 0) offset = 0;
      else if (before !== undefined && root.previous) offset = Math.max(before + root.previous.treeSize, this.next);
      else offset = this.next;
      this.offsets.set(root.epoch, offset);
    }
    return offset;
  }

  /**
   * The old epoch's entries of the last playlist that come right before `items` (consecutive
   * numbers, another epoch), as many as keep the playlist no longer than the last one was.
   */
  carried(items) {
    if (items.length === 0 || this.last.length <= items.length) return [];
    const first = items[0];
    const older = this.last.filter((i) => i.epoch !== first.epoch && i.seq < first.seq);
    if (older.length === 0 || older[older.length - 1].seq !== first.seq - 1) return [];
    return older.slice(-(this.last.length - items.length));
  }
}
