package dev.pharos.alertmanager.config;

import dev.pharos.alertmanager.PromDuration;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads SnakeYAML nodes strictly (like yaml.v2 UnmarshalStrict) and keeps line numbers for errors. */
final class YamlNodes {

    private YamlNodes() {
    }

    static int line(Node n) {
        return n == null ? 0 : n.getStartMark().getLine() + 1;
    }

    static ConfigException error(Node n, String path, String reason) {
        return new ConfigException(null, line(n), path, reason);
    }

    static boolean isNull(Node n) {
        return n == null || (n instanceof ScalarNode s && Tag.NULL.equals(s.getTag()));
    }

    /**
     * The mapping's entries by key in document order. Unknown keys (when {@code allowed} is not
     * null) and duplicate keys are errors, as in the original's strict decoding.
     */
    static Map<String, Node> mapping(Node n, String path, Set<String> allowed, String typeName) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (isNull(n)) {
            return out;
        }
        if (!(n instanceof MappingNode m)) {
            throw error(n, path, "cannot unmarshal " + describe(n) + " into " + typeName);
        }
        for (NodeTuple t : m.getValue()) {
            Node k = t.getKeyNode();
            String key = k instanceof ScalarNode s ? s.getValue() : String.valueOf(k);
            if (out.containsKey(key)) {
                throw error(k, path, "mapping key " + quote(key) + " already defined at line "
                        + line(findKey(m, key)));
            }
            if (allowed != null && !allowed.contains(key)) {
                throw error(k, join(path, key), "field " + key + " not found in type " + typeName);
            }
            out.put(key, t.getValueNode());
        }
        return out;
    }

    private static Node findKey(MappingNode m, String key) {
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                return t.getKeyNode();
            }
        }
        return m;
    }

    static List<Node> sequence(Node n, String path) {
        if (isNull(n)) {
            return List.of();
        }
        if (!(n instanceof SequenceNode s)) {
            throw error(n, path, "cannot unmarshal " + describe(n) + " into a list");
        }
        return s.getValue();
    }

    static String string(Node n, String path) {
        if (isNull(n)) {
            return "";
        }
        if (!(n instanceof ScalarNode s)) {
            throw error(n, path, "cannot unmarshal " + describe(n) + " into string");
        }
        return s.getValue();
    }

    static List<String> strings(Node n, String path) {
        List<String> out = new ArrayList<>();
        List<Node> items = sequence(n, path);
        for (int i = 0; i < items.size(); i++) {
            out.add(string(items.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    static Map<String, String> stringMap(Node n, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        mapping(n, path, null, "map[string]string").forEach((k, v) -> out.put(k, string(v, join(path, k))));
        return out;
    }

    static boolean bool(Node n, String path) {
        String s = string(n, path);
        return switch (s) {
            case "true", "True", "TRUE", "yes", "Yes", "on", "On" -> true;
            case "false", "False", "FALSE", "no", "No", "off", "Off", "" -> false;
            default -> throw error(n, path, "cannot unmarshal !!str `" + s + "` into bool");
        };
    }

    static Duration duration(Node n, String path) {
        try {
            return PromDuration.parse(string(n, path));
        } catch (IllegalArgumentException e) {
            throw error(n, path, e.getMessage());
        }
    }

    /** An http(s) URL as the original's URL type accepts it. */
    static String url(Node n, String path) {
        String s = string(n, path);
        checkUrl(n, path, s);
        return s;
    }

    static void checkUrl(Node n, String path, String s) {
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            throw error(n, path, "parse " + quote(s) + ": " + e.getReason());
        }
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
            throw error(n, path, "unsupported scheme " + quote(u.getScheme() == null ? "" : u.getScheme())
                    + " for URL");
        }
        if (u.getRawAuthority() == null || u.getRawAuthority().isEmpty()) {
            throw error(n, path, "missing host for URL");
        }
    }

    /** Plain Java value: String (or null), List, LinkedHashMap. */
    static Object plain(Node n) {
        if (isNull(n)) {
            return null;
        }
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        if (n instanceof SequenceNode s) {
            List<Object> out = new ArrayList<>();
            for (Node c : s.getValue()) {
                out.add(plain(c));
            }
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) n).getValue()) {
            out.put(((ScalarNode) t.getKeyNode()).getValue(), plain(t.getValueNode()));
        }
        return out;
    }

    static String join(String path, String key) {
        return path == null || path.isEmpty() ? key : path + "." + key;
    }

    static String quote(String s) {
        return dev.pharos.alertmanager.GoQuote.quote(s);
    }

    private static String describe(Node n) {
        if (n instanceof ScalarNode s) {
            return "!!" + s.getTag().getValue().replace("tag:yaml.org,2002:", "") + " `" + s.getValue() + "`";
        }
        return n instanceof SequenceNode ? "!!seq" : "!!map";
    }
}
