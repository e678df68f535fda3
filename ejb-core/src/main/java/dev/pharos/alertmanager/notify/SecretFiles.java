package dev.pharos.alertmanager.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads *_file secrets at send time (so rotated files are picked up), trimmed like the original. */
public final class SecretFiles {

    private SecretFiles() {
    }

    public static String read(String path) throws IOException {
        return Files.readString(Path.of(path), StandardCharsets.UTF_8).trim();
    }

    /** The inline value, or the file's content when only the file is configured. */
    static String valueOrFile(dev.pharos.alertmanager.config.IntegrationConfig c, String key) throws IOException {
        if (c.has(key)) {
            return c.str(key);
        }
        if (c.has(key + "_file")) {
            return read(c.str(key + "_file"));
        }
        return "";
    }
}
