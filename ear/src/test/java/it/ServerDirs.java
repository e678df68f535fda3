package it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Making a second Liberty server from the IT server's configuration, and cleaning up after it. */
final class ServerDirs {

    private ServerDirs() {
    }

    /** Copies a server directory without its logs, work area and data. */
    static void copyConfig(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path rel = from.relativize(p);
                String first = rel.getNameCount() > 0 ? rel.getName(0).toString() : "";
                if (first.equals("logs") || first.equals("workarea") || first.equals("data")) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /**
     * Writes the server variables of a second server: its own ports and data directory, the IT
     * configuration files, HTTPS off and security open (as on the shared IT server), then
     * {@code extra}, which may override any of them.
     */
    static void writeVariables(Path server, int httpPort, Path dataDir, Map<String, String> extra) throws IOException {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("pharos.http.port", String.valueOf(httpPort));
        vars.put("pharos.push.port", String.valueOf(Processes.freePort()));
        vars.put("pharos.alert.port", String.valueOf(Processes.freePort()));
        vars.put("pharos.https.port", "-1");
        vars.put("pharos.push.https.port", "-1");
        vars.put("pharos.alert.https.port", "-1");
        vars.put("pharos.data.dir", dataDir.toString());
        vars.put("pharos.auth", "none");
        vars.put("pharos.config.file", System.getProperty("it.config.dir") + "/prometheus.yml");
        vars.put("pharos.alertmanager.config.file", System.getProperty("it.config.dir") + "/alertmanager.yml");
        vars.putAll(extra);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<server>\n");
        vars.forEach((k, v) -> xml.append("  <variable name=\"").append(k).append("\" value=\"")
                .append(v.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;")).append("\"/>\n"));
        xml.append("</server>\n");
        Files.writeString(server.resolve("configDropins/overrides/liberty-plugin-variable-config.xml"), xml);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> files = Files.walk(p)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
