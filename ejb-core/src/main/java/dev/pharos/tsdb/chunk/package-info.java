/**
 * Chunk encodings of the Pharos TSDB.
 *
 * <h2>XOR chunk (encoding byte 1), version 1</h2>
 * Gorilla-style compression (Pelkonen et al., VLDB 2015) of up to 65535 float samples,
 * normally about 120, strictly increasing in time.
 *
 * <pre>
 * byte 0..1   uint16 big-endian: number of samples n
 * byte 2..    bit stream, most significant bit first, zero-padded to a whole byte:
 *   sample 0:  t0 as a zig-zag varint written 8 bits per group (LEB128 byte order)
 *              value(v0) with "previous v" = 0.0 and no window yet (all values bit-exact: the stale
              NaN 0x7ff0000000000002 survives)
 *   sample 1:  d1 = t1 - t0 as a zig-zag varint as above, then value(v1)
 *   sample i:  dod = (ti - ti-1) - (ti-1 - ti-2), written as
 *                '0'                     dod == 0
 *                '10'   + 7 bits      -63 ..    64
 *                '110'  + 14 bits   -8191 ..  8192
 *                '1110' + 20 bits -524287 .. 524288
 *              (an n-bit bucket is two's complement except that 1 followed by n-1 zeros means
 *              +2^(n-1), as in Prometheus; readers before 2026-11-26 read it as -2^(n-1))
 *                '1111' + 64 bits
 *              then value(vi)
 *   value(v):  x = bits(v) XOR bits(previous v)
 *                '0'                        x == 0
 *                '10' + meaningful bits     x fits the previous leading/trailing-zero window (the
                                           encoder opens a new window instead when that is shorter)
 *                '11' + 5 bits leading zeros (capped at 31) + 6 bits significant-bit count
 *                     (64 written as 0) + the significant bits
 * </pre>
 * The 7-bit delta-of-delta bucket (smaller than Prometheus's 14-bit one) keeps a few
 * milliseconds of scrape jitter at 9 bits per timestamp. Chunks carry no checksum of their
 * own; the files holding them do (see the block and head chunk formats).
 */
package dev.pharos.tsdb.chunk;
