package dev.pharos.tsdb.wal;

import java.util.List;

/**
 * What a WAL replay did: segments read (as /api/v1/status/walreplay reports min/max/current),
 * counts, and every corruption that was cut off.
 *
 * @param firstSegment   first segment read after the checkpoint, -1 if none
 * @param lastSegment    last segment read, -1 if none
 * @param checkpoint     index of the checkpoint read, -1 if none
 * @param records        records decoded
 * @param samples        sample entries decoded
 * @param corruptions    torn or corrupt tails repaired (truncated), in the order found
 * @param durationMillis wall time of the replay
 */
public record WalReplayStatus(int firstSegment, int lastSegment, int checkpoint, long records, long samples,
        List<Corruption> corruptions, long durationMillis) {

    /** A corrupt or torn record: where it was, why, and how many bytes were cut off. */
    public record Corruption(String file, long offset, String reason, long bytesDropped) {
    }

    public static final WalReplayStatus NONE = new WalReplayStatus(-1, -1, -1, 0, 0, List.of(), 0);
}
