package dev.pharos.config;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML node read with SnakeYAML's composer, so that every value knows its line, plus the
 * field path that leads to it. Conversions follow Go's yaml.v2 as Prometheus uses it
 * (strict: unknown and duplicate keys are errors) and fail with a {@link ConfigException}
 * naming file, line and field. Public so that file-based discovery can reuse it.
 */
public final class YamlNode {

    private final Node node;
    private final String path;
    private final String file;

    private YamlNode(Node node, String path, String file) {
        this.node = node;
        this.path = path;
        this.file = file;
    }

    /** Composes a document; a document that is empty or only comments gives a null node. */
    public static YamlNode parse(String text, String file) throws ConfigException {
        LoaderOptions opts = new LoaderOptions();
        opts.setMaxAliasesForCollections(1000);
        opts.setCodePointLimit(64 * 1024 * 1024);
        try {
            Node root = new Yaml(opts).compose(new StringReader(text));
            return new YamlNode(root, "", file);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new ConfigException(file, m == null ? 0 : m.getLine() + 1, "", "yaml: " + problem.trim());
        } catch (YAMLException e) {
            throw new ConfigException(file, 0, "", "yaml: " + e.getMessage());
        }
    }

    public String path() {
        return path;
    }

    public String file() {
        return file;
    }

    /** 1-based line of the node, 0 if unknown. */
    public int line() {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    public boolean isNull() {
        return node == null || (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL));
    }

    public ConfigException error(String reason) {
        return new ConfigException(file, line(), path, reason);
    }

    private String kind() {
        if (node instanceof MappingNode) {
            return "!!map";
        }
        if (node instanceof SequenceNode) {
            return "!!seq";
        }
        ScalarNode s = (ScalarNode) node;
        Tag t = s.getTag();
        return t.equals(Tag.STR) ? "!!str `" + s.getValue() + "`"
                : "!!" + t.getValue().replace(Tag.PREFIX, "") + " `" + s.getValue() + "`";
    }

    private ConfigException cannot(String into) {
        return error("cannot unmarshal " + kind() + " into " + into);
    }

    /** A string; any scalar is accepted as its text (as yaml.v2 does), null gives "". */
    public String str() throws ConfigException {
        if (isNull()) {
            return "";
        }
        if (!(node instanceof ScalarNode s)) {
            throw cannot("string");
        }
        if (s.getTag().equals(Tag.BINARY)) {
            return binary(s.getValue());
        }
        return s.getValue();
    }

    private String binary(String base64) throws ConfigException {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(base64.replaceAll("\\s", ""));
            if (!base64.replaceAll("\\s", "").matches("[A-Za-z0-9+/]*=*")) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw error("!!binary value contains invalid base64 data");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw error("invalid UTF-8 in !!binary value: "
                    + "label names, label values and strings must be valid UTF-8");
        }
    }

    public boolean bool() throws ConfigException {
        if (isNull()) {
            return false;
        }
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            String v = s.getValue().toLowerCase(java.util.Locale.ROOT);
            return v.equals("true") || v.equals("yes") || v.equals("on") || v.equals("y");
        }
        throw cannot("bool");
    }

    /** A signed integer (yaml.v2 int syntax: decimal, 0x, 0o/0 octal, 0b, underscores). */
    public long integer(String into) throws ConfigException {
        if (isNull()) {
            return 0;
        }
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
            String v = s.getValue().replace("_", "");
            boolean neg = v.startsWith("-");
            if (v.startsWith("-") || v.startsWith("+")) {
                v = v.substring(1);
            }
            try {
                long r;
                if (v.startsWith("0x")) {
                    r = Long.parseLong(v.substring(2), 16);
                } else if (v.startsWith("0b")) {
                    r = Long.parseLong(v.substring(2), 2);
                } else if (v.startsWith("0o")) {
                    r = Long.parseLong(v.substring(2), 8);
                } else if (v.length() > 1 && v.startsWith("0")) {
                    r = Long.parseLong(v.substring(1), 8);
                } else {
                    r = Long.parseLong(v);
                }
                return neg ? -r : r;
            } catch (NumberFormatException e) {
                throw cannot(into);
            }
        }
        throw cannot(into);
    }

    /** A non-negative integer, as Go's uint fields. */
    public long unsigned() throws ConfigException {
        long v = integer("uint");
        if (v < 0) {
            throw cannot("uint");
        }
        return v;
    }

    /** An int that must fit in 32 bits. */
    public int int32() throws ConfigException {
        long v = integer("int");
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw cannot("int");
        }
        return (int) v;
    }

    public double floating() throws ConfigException {
        if (isNull()) {
            return 0;
        }
        if (node instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
            String v = s.getValue().replace("_", "");
            switch (v.toLowerCase(java.util.Locale.ROOT)) {
                case ".inf", "+.inf" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-.inf" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                case ".nan" -> {
                    return Double.NaN;
                }
                default -> {
                    if (s.getTag().equals(Tag.INT)) {
                        return integer("float64");
                    }
                    try {
                        return Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw cannot("float64");
                    }
                }
            }
        }
        throw cannot("float64");
    }

    public Duration duration() throws ConfigException {
        String s = str();
        try {
            return PromDurations.parse(s);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    public long byteSize() throws ConfigException {
        String s = str();
        try {
            return ByteSizes.parse(s);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** Elements of a sequence; null gives an empty list. */
    public List<YamlNode> list() throws ConfigException {
        if (isNull()) {
            return List.of();
        }
        if (!(node instanceof SequenceNode seq)) {
            throw cannot("[]T (a sequence)");
        }
        List<YamlNode> out = new ArrayList<>(seq.getValue().size());
        int i = 0;
        for (Node n : seq.getValue()) {
            out.add(new YamlNode(n, path + "[" + i++ + "]", file));
        }
        return out;
    }

    public boolean isSequence() {
        return node instanceof SequenceNode;
    }

    public boolean isMapping() {
        return node instanceof MappingNode;
    }

    public List<String> strings() throws ConfigException {
        List<String> out = new ArrayList<>();
        for (YamlNode n : list()) {
            out.add(n.str());
        }
        return out;
    }

    /** A mapping with strict key handling; null gives an empty mapping. */
    public Fields fields(String typeName) throws ConfigException {
        return new Fields(this, typeName);
    }

    /** A map of string to string (labels, headers): keys in document order. */
    public Map<String, YamlNode> entries() throws ConfigException {
        Fields f = fields("map");
        Map<String, YamlNode> m = new LinkedHashMap<>();
        for (String k : f.keys()) {
            m.put(k, f.take(k));
        }
        return m;
    }

    /** Key/value access to a mapping node: duplicate keys rejected, unknown keys reported by {@link #finish()}. */
    public static final class Fields {
        private final YamlNode owner;
        private final String typeName;
        private final Map<String, YamlNode> values = new LinkedHashMap<>();
        private final Map<String, YamlNode> keyNodes = new LinkedHashMap<>();
        private final Set<String> taken = new HashSet<>();

        Fields(YamlNode owner, String typeName) throws ConfigException {
            this.owner = owner;
            this.typeName = typeName;
            if (owner.isNull()) {
                return;
            }
            if (!(owner.node instanceof MappingNode map)) {
                throw owner.cannot(typeName);
            }
            collect(map, true);
        }

        private void collect(MappingNode map, boolean explicit) throws ConfigException {
            List<NodeTuple> merges = new ArrayList<>();
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode().getTag().equals(Tag.MERGE)) {
                    merges.add(t);
                    continue;
                }
                YamlNode keyNode = new YamlNode(t.getKeyNode(), owner.path, owner.file);
                String key = keyNode.str();
                String childPath = owner.path.isEmpty() ? key : owner.path + "." + key;
                if (values.containsKey(key)) {
                    if (explicit && keyNodes.get(key).node != null
                            && keyNodes.get(key).node.getStartMark() != null) {
                        throw new ConfigException(owner.file, keyNode.line(), childPath,
                                "mapping key \"" + key + "\" already defined at line " + keyNodes.get(key).line());
                    }
                    continue;
                }
                keyNodes.put(key, keyNode);
                values.put(key, new YamlNode(t.getValueNode(), childPath, owner.file));
            }
            // "<<" merge keys: explicit keys win, then merged maps in order.
            for (NodeTuple t : merges) {
                Node v = t.getValueNode();
                if (v instanceof MappingNode mm) {
                    collectMerged(mm);
                } else if (v instanceof SequenceNode sn) {
                    for (Node n : sn.getValue()) {
                        if (n instanceof MappingNode mm) {
                            collectMerged(mm);
                        }
                    }
                }
            }
        }

        private void collectMerged(MappingNode mm) throws ConfigException {
            for (NodeTuple t : mm.getValue()) {
                YamlNode keyNode = new YamlNode(t.getKeyNode(), owner.path, owner.file);
                String key = keyNode.str();
                if (!values.containsKey(key)) {
                    keyNodes.put(key, keyNode);
                    values.put(key, new YamlNode(t.getValueNode(),
                            owner.path.isEmpty() ? key : owner.path + "." + key, owner.file));
                }
            }
        }

        public Set<String> keys() {
            return values.keySet();
        }

        public boolean has(String key) {
            return values.containsKey(key);
        }

        /** True when the key is present with a non-null value. */
        public boolean present(String key) {
            YamlNode n = values.get(key);
            return n != null && !n.isNull();
        }

        /** The value (a null node when absent), marking the key as known. */
        public YamlNode take(String key) {
            taken.add(key);
            YamlNode n = values.get(key);
            if (n == null) {
                return new YamlNode(null, owner.path.isEmpty() ? key : owner.path + "." + key, owner.file);
            }
            return n;
        }

        /** Line of the key, or of the mapping when absent. */
        public int lineOf(String key) {
            YamlNode k = keyNodes.get(key);
            return k != null ? k.line() : owner.line();
        }

        public YamlNode keyNode(String key) {
            return keyNodes.get(key);
        }

        public ConfigException error(String key, String reason) {
            String p = owner.path.isEmpty() ? key : owner.path + "." + key;
            return new ConfigException(owner.file, lineOf(key), p, reason);
        }

        /** Marks a key as handled elsewhere. */
        public void ignore(String key) {
            taken.add(key);
        }

        /** Fails on the first key nobody took, with Go's "field x not found in type y". */
        public void finish() throws ConfigException {
            for (String k : values.keySet()) {
                if (!taken.contains(k)) {
                    throw error(k, "field " + k + " not found in type " + typeName);
                }
            }
        }

        public YamlNode owner() {
            return owner;
        }
    }
}
