package dev.pharos.tsdb;

import java.nio.ByteBuffer;

/**
 * Where one encoded XOR chunk lives (a memory-mapped file or a heap copy) and the time range
 * it covers. Queriers of the head and of blocks hand these to {@link ChunkSeriesIterator}.
 */
final class ChunkDesc {
    final ByteBuffer buf;
    final int off;
    final int len;
    final long minT;
    final long maxT;

    ChunkDesc(ByteBuffer buf, int off, int len, long minT, long maxT) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        this.minT = minT;
        this.maxT = maxT;
    }

    static ChunkDesc ofBytes(byte[] b, long minT, long maxT) {
        return new ChunkDesc(ByteBuffer.wrap(b), 0, b.length, minT, maxT);
    }
}
