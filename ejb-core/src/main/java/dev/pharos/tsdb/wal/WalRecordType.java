package dev.pharos.tsdb.wal;

/** Record types of the write-ahead log; the byte is the first byte of each record header. */
public enum WalRecordType {
    SERIES(1), SAMPLES(2), TOMBSTONES(3);

    public final int code;

    WalRecordType(int code) {
        this.code = code;
    }

    public static WalRecordType of(int code) {
        return switch (code) {
            case 1 -> SERIES;
            case 2 -> SAMPLES;
            case 3 -> TOMBSTONES;
            default -> null;
        };
    }
}
