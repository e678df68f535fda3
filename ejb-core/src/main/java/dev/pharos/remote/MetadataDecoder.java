package dev.pharos.remote;

import dev.pharos.scrape.MetricMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code metadata} entries (field 3) of an uncompressed {@code prometheus.WriteRequest},
 * which {@link WriteRequestDecoder} skips; for tests and receivers that keep metadata.
 */
public final class MetadataDecoder {

    private MetadataDecoder() {
    }

    public static List<MetricMetadata> decode(byte[] buf, int off, int len) throws MalformedProtobufException {
        List<MetricMetadata> out = new ArrayList<>();
        ProtoReader r = new ProtoReader(buf, off, len);
        while (r.more()) {
            int tag = r.tag();
            if (tag >>> 3 != 3) {
                r.skip(tag);
                continue;
            }
            r.expect(tag, ProtoReader.LEN);
            int n = r.length();
            ProtoReader m = new ProtoReader(buf, r.pos, n);
            r.pos += n;
            long type = 0;
            String name = "";
            String help = "";
            String unit = "";
            while (m.more()) {
                int t = m.tag();
                switch (t >>> 3) {
                    case 1 -> {
                        m.expect(t, ProtoReader.VARINT);
                        type = m.varint();
                    }
                    case 2 -> name = string(m, t);
                    case 4 -> help = string(m, t);
                    case 5 -> unit = string(m, t);
                    default -> m.skip(t);
                }
            }
            out.add(new MetricMetadata(name, WriteRequestEncoder.fromWireType(type), help, unit));
        }
        return out;
    }

    private static String string(ProtoReader m, int tag) throws MalformedProtobufException {
        m.expect(tag, ProtoReader.LEN);
        return m.string();
    }
}
