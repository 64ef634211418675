package org.ownerless.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A file channel that behaves like a disk filling up, when armed: a write stores at most
 * {@code bytesBeforeFull} bytes (the last free page) and the next fails with ENOSPC's message;
 * {@code truncateFails} makes cutting the file fail as well, {@code syncFails} forcing it to disk.
 * Everything else goes to the real file.
 */
final class FailingWrites extends FileChannel {
  private final FileChannel file;
  volatile boolean full;
  volatile int bytesBeforeFull;
  volatile boolean truncateFails;
  /** Makes the next syncs fail as fdatasync does on a disk error (EIO). */
  volatile boolean syncFails;
  /** Runs at the start of every sync, on the thread that syncs. */
  volatile Runnable beforeSync = () -> {};

  FailingWrites(FileChannel file) {
    this.file = file;
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    if (!full) {
      return file.write(src, position);
    }
    if (bytesBeforeFull == 0) {
      throw new IOException("No space left on device");
    }
    ByteBuffer part = src.slice().limit(Math.min(src.remaining(), bytesBeforeFull));
    int n = file.write(part, position);
    src.position(src.position() + n);
    bytesBeforeFull -= n;
    return n;
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    if (truncateFails) {
      throw new IOException("Input/output error");
    }
    file.truncate(size);
    return this;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return file.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return file.read(dsts, offset, length);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    return write(src, file.position());
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    throw new UnsupportedOperationException("not used by the segment log");
  }

  @Override
  public long position() throws IOException {
    return file.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    file.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return file.size();
  }

  @Override
  public void force(boolean metaData) throws IOException {
    beforeSync.run();
    if (syncFails) {
      throw new IOException("Input/output error");
    }
    file.force(metaData);
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    return file.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    return file.transferFrom(src, position, count);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return file.read(dst, position);
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    return file.map(mode, position, size);
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return file.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return file.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    file.close();
  }
}
