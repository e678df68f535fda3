package dev.pharos.tsdb.index;

import java.io.IOException;

/** A block file whose magic, version or checksum is wrong; the message says what and where. */
public final class CorruptIndexException extends IOException {
    public CorruptIndexException(String message) {
        super(message);
    }
}
