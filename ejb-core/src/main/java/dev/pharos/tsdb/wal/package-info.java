/**
 * Write-ahead log of the Pharos TSDB head.
 *
 * <h2>Files</h2>
 * <pre>
 * wal/00000000, wal/00000001, ...      segments, named by 8-digit decimal index, rolled at the
 *                                      configured segment size (a record never spans segments)
 * wal/checkpoint.NNNNNNNN/00000000     the checkpoint folding every segment &lt;= NNNNNNNN
 * </pre>
 * A new segment is started on every open, so a repaired tail is never appended to.
 *
 * <h2>Record layout (version 1)</h2>
 * <pre>
 * byte 0      type: 1 series, 2 samples, 3 tombstones (0 and others are invalid; zero-filled
 *             space after a crash therefore reads as corruption and is cut); flag 0x80 set:
 *             the payload is Snappy-compressed (raw block format), the CRC covers the stored bytes
 * byte 1..4   uint32 big-endian payload length
 * byte 5..8   uint32 big-endian CRC32C (Castagnoli) of the payload
 * byte 9..    payload
 *
 * series     repeated { uvarint ref, uvarint n, n x { uvarint len, UTF-8 name, uvarint len, UTF-8 value } }
 *            (labels sorted by name)
 * samples    uvarint n, uvarint ref0, varint t0,
 *            n x { varint ref - previous ref, varint t - previous t (the first entry's previous is
 *            ref0/t0), 8 bytes big-endian IEEE-754 value bits }
 *            (stale markers are ordinary samples with the stale NaN bits)
 * tombstones repeated { uvarint ref, varint mint, varint maxt }   (inclusive interval)
 * </pre>
 * varint = zig-zag signed LEB128, uvarint = unsigned LEB128. Version changes bump the record
 * types (new codes), so an old reader stops with "unknown record type" instead of misreading.
 *
 * <h2>Durability guarantee</h2>
 * Every commit writes its records with one {@code write(2)} before the samples become visible,
 * so a process crash (kill -9) loses nothing that was committed. fsync depends on
 * {@link dev.pharos.tsdb.wal.WalSyncMode}: ALWAYS syncs every commit; BATCH (default) syncs at
 * the first commit after the sync interval has passed and on every {@link Wal#sync()}, so an
 * OS crash or power loss loses at most the commits since the last fsync; NONE leaves it to
 * {@link Wal#sync()}, roll, checkpoint and close.
 *
 * <h2>Repair</h2>
 * On replay a record that is torn (header or payload shorter than announced), of unknown type,
 * with a wrong CRC32C or an undecodable payload ends the log: its segment is truncated at the
 * record's offset, later segments are deleted, and each cut is reported in
 * {@link dev.pharos.tsdb.wal.WalReplayStatus}. Everything before it loads.
 *
 * <h2>Checkpoint</h2>
 * {@link Wal#checkpoint} rolls to a new segment, then rewrites the previous checkpoint plus all
 * older segments into {@code checkpoint.N.tmp} keeping the live series and the samples and
 * tombstones at or after the head's new minimum time, fsyncs it, renames it to
 * {@code checkpoint.N} and deletes the segments &lt;= N and older checkpoints. A crash in between
 * leaves either the old checkpoint with its segments or the new one; a leftover {@code .tmp} is
 * ignored and replaced next time.
 */
package dev.pharos.tsdb.wal;
