package dev.pharos.pushgateway;

import dev.pharos.exposition.ExpositionParseException;
import dev.pharos.exposition.MetricFamilyData;
import dev.pharos.exposition.ProtobufFormat;
import dev.pharos.model.Labels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * How a group is stored: its families in the {@link CompactGroupFormat} (exact floats, strings
 * once each), its key as text and as a fixed-size id.
 */
public final class GroupCodec {

    private GroupCodec() {
    }

    /** The families in the {@link CompactGroupFormat compact stored form}. */
    public static byte[] encodeFamilies(MetricGroup g) {
        return CompactGroupFormat.encode(g.families().values(), g.families().size());
    }

    /** Reads the compact form, or the delimited protobuf that earlier versions stored. */
    public static MetricGroup decode(Labels key, byte[] families, long pushTimeMs, long failureTimeMs, long expiryMs)
            throws ExpositionParseException {
        TreeMap<String, MetricFamilyData> m = new TreeMap<>();
        if (CompactGroupFormat.isCompact(families)) {
            for (MetricFamilyData f : CompactGroupFormat.decode(families)) {
                m.put(f.name(), f);
            }
        } else {
            for (MetricFamilyData f : ProtobufFormat.decodeDelimited(families)) {
                // empty label values (instance="") do not survive the label decoder: restore them
                m.put(f.name(), f.withMetrics(f.metrics().stream()
                        .map(x -> x.withLabels(Names.merge(x.labels(), key))).toList()));
            }
        }
        return new MetricGroup(key, m, pushTimeMs, failureTimeMs, expiryMs);
    }

    /** The key as URL path (every value base64): reversible, readable enough. */
    public static String keyText(Labels key) {
        return GroupingKey.toPath(key);
    }

    public static Labels parseKeyText(String text) throws PushException {
        return GroupingKey.parse(text.substring("/metrics".length()));
    }

    /** A SHA-256 hex id of the key text: a primary key of bounded length for any key. */
    public static String id(Labels key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(keyText(key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
