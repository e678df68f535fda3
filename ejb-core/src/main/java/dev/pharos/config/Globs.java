package dev.pharos.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * File globs as Prometheus allows them in rule_files, scrape_config_files and file_sd_configs:
 * only the last path element may contain a {@code *} (or {@code ?}, {@code [..]}). Matches are
 * sorted by name, as Go's filepath.Glob returns them.
 */
public final class Globs {

    /** Prometheus's patRulePath: a '*' may only appear in the last path element. */
    private static final Pattern RULE_PATH = Pattern.compile("^[^*]*(\\*[^/]*)?$");

    private Globs() {
    }

    /** True when a {@code *} appears only in the last path element. */
    public static boolean isValidPattern(String pattern) {
        return RULE_PATH.matcher(pattern).matches();
    }

    public static boolean hasMeta(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    /** The existing files matching the pattern, sorted; an unreadable folder gives no match. */
    public static List<Path> expand(String pattern) {
        Path p = Paths.get(pattern);
        Path name = p.getFileName();
        if (name == null) {
            return List.of();
        }
        if (!hasMeta(name.toString())) {
            return Files.exists(p) ? List.of(p) : List.of();
        }
        Path dir = p.getParent() == null ? Paths.get(".") : p.getParent();
        String glob = name.toString().replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}");
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path e : ds) {
                if (matcher.matches(e.getFileName())) {
                    out.add(p.getParent() == null ? e.getFileName() : e);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        Collections.sort(out);
        return out;
    }
}
