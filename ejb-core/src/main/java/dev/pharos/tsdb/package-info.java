/**
 * Storage interfaces and Pharos's file-based time-series database.
 *
 * <h2>For callers</h2>
 * <ul>
 * <li>{@link dev.pharos.tsdb.Storage}, {@link dev.pharos.tsdb.Appender},
 *     {@link dev.pharos.tsdb.Querier}, {@link dev.pharos.tsdb.Series},
 *     {@link dev.pharos.tsdb.SampleIterator}: the shared vocabulary; {@link dev.pharos.tsdb.MemoryStorage}
 *     is the in-memory implementation for tests.</li>
 * <li>{@link dev.pharos.tsdb.Tsdb#open(java.nio.file.Path, dev.pharos.tsdb.TsdbOptions)}: the
 *     real storage. An EJB holds one instance and calls {@link dev.pharos.tsdb.Tsdb#maintain(long)}
 *     from a timer (every minute is plenty: it cuts the head into a block once the head spans
 *     1.5 block ranges, compacts, applies retention and checkpoints the WAL) and, if a tighter
 *     durability bound than the WAL's batch interval is wanted, {@link dev.pharos.tsdb.Tsdb#sync()}.
 *     The TSDB starts no threads.</li>
 * <li>Admin API: {@code deleteSeries}, {@code cleanTombstones}, {@code snapshot},
 *     {@code backfill}; status API: {@code headStats}, {@code walReplayStatus}, {@code stats},
 *     {@code blocks}, {@code sizeOnDisk}.</li>
 * </ul>
 *
 * <h2>Inside</h2>
 * Head ({@code Head}, {@code MemSeries}, {@code HeadChunkFiles}), blocks ({@code BlockWriter},
 * {@code Block}, {@code BlockMeta}, {@code Tombstones}), reading ({@code TsdbQuerier},
 * {@code ChunkSeries}, {@code ChunkSeriesIterator}); sub-packages {@code chunk} (XOR encoding),
 * {@code wal}, {@code index} (postings and block index), {@code encoding} (buffers). File formats:
 * {@code FORMAT.md} in this folder and the sub-packages' {@code package-info.java}.
 *
 * <h2>Ordering rules (as Prometheus)</h2>
 * Per series, a sample older than the newest one is OUT_OF_ORDER, one with the same timestamp
 * and different value bits DUPLICATE (identical bits are silently accepted and dropped), one
 * older than the head's lower bound (the end of the last block cut from the head) OUT_OF_BOUNDS.
 * With {@code outOfOrderWindowMillis > 0}, older samples within that window of the head's newest
 * time are kept in a per-series buffer and merged on read and at the next block cut (TOO_OLD
 * beyond the window); on equal timestamps the out-of-order sample wins. Rejections throw
 * {@link dev.pharos.tsdb.AppendRejectedException} from {@code append} and are counted in
 * {@link dev.pharos.tsdb.TsdbStats}.
 */
package dev.pharos.tsdb;
