package dev.pharos.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the conformance corpora in {@code ../shared} (read at test time, never copied).
 * The system property {@code pharos.shared.dir} wins; otherwise the folder is searched
 * upwards from the working directory. Where it is absent (a user's own clone) the suites
 * that need it are skipped with a message saying so.
 */
public final class SharedData {

    private SharedData() {
    }

    /** The shared folder, or null when it cannot be found. */
    public static Path root() {
        String prop = System.getProperty("pharos.shared.dir");
        if (prop != null && Files.isDirectory(Paths.get(prop, "conformance"))) {
            return Paths.get(prop).toAbsolutePath().normalize();
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("conformance"))) {
                return candidate.normalize();
            }
            if (Files.isDirectory(dir.resolve("shared").resolve("conformance"))) {
                return dir.resolve("shared").normalize();
            }
            dir = dir.getParent();
        }
        return null;
    }

    /** A folder under {@code shared/conformance}; skips the calling test when shared/ is absent. */
    public static Path conformance(String name) {
        Path root = root();
        Assumptions.assumeTrue(root != null,
                "../shared is absent: conformance suite '" + name + "' skipped (CI always has it)");
        Path p = root.resolve("conformance").resolve(name);
        Assumptions.assumeTrue(Files.isDirectory(p), "missing corpus " + p);
        return p;
    }
}
