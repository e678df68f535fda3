package dev.pharos.tsdb;

import java.io.IOException;
import java.nio.file.Path;

/** The data directory's lock file is held by another TSDB (in this or another process). */
public final class TsdbLockedException extends IOException {

    private static final long serialVersionUID = 1L;

    public TsdbLockedException(Path dir) {
        super("data directory " + dir + " is in use by another TSDB");
    }
}
