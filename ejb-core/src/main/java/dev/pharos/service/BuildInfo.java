package dev.pharos.service;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Properties;

/** Version and build facts for /api/v1/status/buildinfo and the build_info metrics. */
public final class BuildInfo {

    public static final String VERSION = load();
    public static final String BRANCH = "main";
    public static final String REVISION = "";
    public static final String BUILD_USER = "pharos";
    public static final String BUILD_DATE = "";
    public static final String JAVA_VERSION = System.getProperty("java.version");
    public static final Instant START_TIME = Instant.now();

    private BuildInfo() {
    }

    private static String load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to the default
        }
        return p.getProperty("version", "unknown");
    }
}
