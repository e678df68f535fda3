package dev.pharos.tsdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A block's {@code meta.json}: identity, time range [minTime, maxTime) in ms, stats and
 * compaction lineage. Field names follow Prometheus's meta.json.
 */
public record BlockMeta(String ulid, long minTime, long maxTime, long numSamples, long numSeries,
        long numChunks, long numTombstones, int level, List<String> sources, List<String> parents,
        List<String> hints) {

    /** Hint of blocks holding data cut from the head (directly or by compaction). */
    public static final String FROM_HEAD = "from-head";

    public boolean fromHead() {
        return hints.contains(FROM_HEAD);
    }

    public static final int VERSION = 1;

    String toJson() {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"ulid\": \"").append(ulid).append("\",\n")
                .append("  \"minTime\": ").append(minTime).append(",\n")
                .append("  \"maxTime\": ").append(maxTime).append(",\n")
                .append("  \"stats\": {\n    \"numSamples\": ").append(numSamples)
                .append(",\n    \"numSeries\": ").append(numSeries)
                .append(",\n    \"numChunks\": ").append(numChunks)
                .append(",\n    \"numTombstones\": ").append(numTombstones).append("\n  },\n")
                .append("  \"compaction\": {\n    \"level\": ").append(level)
                .append(",\n    \"sources\": ").append(list(sources))
                .append(",\n    \"parents\": ").append(list(parents))
                .append(",\n    \"hints\": ").append(list(hints)).append("\n  },\n")
                .append("  \"version\": ").append(VERSION).append("\n}\n");
        return sb.toString();
    }

    private static String list(List<String> l) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < l.size(); i++) {
            sb.append(i > 0 ? ", " : "").append('"').append(l.get(i)).append('"');
        }
        return sb.append(']').toString();
    }

    void write(Path dir) throws IOException {
        Path tmp = dir.resolve("meta.json.tmp");
        Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve("meta.json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static BlockMeta read(Path dir) throws IOException {
        String s = Files.readString(dir.resolve("meta.json"), StandardCharsets.UTF_8);
        int version = (int) num(s, "version");
        if (version != VERSION) {
            throw new IOException(dir + "/meta.json: unsupported version " + version);
        }
        return new BlockMeta(str(s, "ulid"), num(s, "minTime"), num(s, "maxTime"), num(s, "numSamples"),
                num(s, "numSeries"), num(s, "numChunks"), num(s, "numTombstones"), (int) num(s, "level"),
                arr(s, "sources"), arr(s, "parents"), arr(s, "hints"));
    }

    private static long num(String s, String key) throws IOException {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(-?\\d+)").matcher(s);
        if (!m.find()) {
            throw new IOException("meta.json: missing " + key);
        }
        return Long.parseLong(m.group(1));
    }

    private static String str(String s, String key) throws IOException {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"([^\"]*)\"").matcher(s);
        if (!m.find()) {
            throw new IOException("meta.json: missing " + key);
        }
        return m.group(1);
    }

    private static List<String> arr(String s, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(s);
        List<String> out = new ArrayList<>();
        if (m.find()) {
            Matcher q = Pattern.compile("\"([^\"]*)\"").matcher(m.group(1));
            while (q.find()) {
                out.add(q.group(1));
            }
        }
        return out;
    }
}
