package dev.pharos.remote;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.MatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/** A decoded {@code prometheus.ReadRequest}: its queries and the response types the client accepts. */
public record ReadRequest(List<Query> queries, List<ResponseType> acceptedResponseTypes) {

    public enum ResponseType {
        SAMPLES, STREAMED_XOR_CHUNKS
    }

    /** One query: [start, end] in milliseconds, the matchers; read hints are ignored. */
    public record Query(long startMillis, long endMillis, LabelMatcher[] matchers) {
    }

    /** Decodes an (uncompressed) ReadRequest. */
    public static ReadRequest decode(byte[] buf, int off, int len) throws MalformedProtobufException {
        ProtoReader r = new ProtoReader(buf, off, len);
        List<Query> queries = new ArrayList<>();
        List<ResponseType> types = new ArrayList<>();
        while (r.more()) {
            int tag = r.tag();
            switch (tag >>> 3) {
                case 1 -> {
                    r.expect(tag, ProtoReader.LEN);
                    int n = r.length();
                    queries.add(query(buf, r.pos, n));
                    r.pos += n;
                }
                case 2 -> {
                    if ((tag & 7) == ProtoReader.LEN) { // packed repeated enum
                        int n = r.length();
                        ProtoReader p = new ProtoReader(buf, r.pos, n);
                        while (p.more()) {
                            addType(types, p.varint());
                        }
                        r.pos += n;
                    } else {
                        r.expect(tag, ProtoReader.VARINT);
                        addType(types, r.varint());
                    }
                }
                default -> r.skip(tag);
            }
        }
        return new ReadRequest(queries, types);
    }

    private static void addType(List<ResponseType> types, long v) {
        if (v == 0) {
            types.add(ResponseType.SAMPLES);
        } else if (v == 1) {
            types.add(ResponseType.STREAMED_XOR_CHUNKS);
        } // unknown types are ignored: the client lists them in order of preference
    }

    private static Query query(byte[] buf, int off, int len) throws MalformedProtobufException {
        ProtoReader r = new ProtoReader(buf, off, len);
        long start = 0;
        long end = 0;
        List<LabelMatcher> ms = new ArrayList<>();
        while (r.more()) {
            int tag = r.tag();
            switch (tag) {
                case (1 << 3) | ProtoReader.VARINT -> start = r.varint();
                case (2 << 3) | ProtoReader.VARINT -> end = r.varint();
                case (3 << 3) | ProtoReader.LEN -> {
                    int n = r.length();
                    ms.add(matcher(buf, r.pos, n));
                    r.pos += n;
                }
                default -> r.skip(tag);
            }
        }
        return new Query(start, end, ms.toArray(new LabelMatcher[0]));
    }

    private static LabelMatcher matcher(byte[] buf, int off, int len) throws MalformedProtobufException {
        ProtoReader r = new ProtoReader(buf, off, len);
        long type = 0;
        String name = "";
        String value = "";
        while (r.more()) {
            int tag = r.tag();
            switch (tag) {
                case (1 << 3) | ProtoReader.VARINT -> type = r.varint();
                case (2 << 3) | ProtoReader.LEN -> name = r.string();
                case (3 << 3) | ProtoReader.LEN -> value = r.string();
                default -> r.skip(tag);
            }
        }
        MatchType mt = switch ((int) type) {
            case 0 -> MatchType.EQUAL;
            case 1 -> MatchType.NOT_EQUAL;
            case 2 -> MatchType.REGEX;
            case 3 -> MatchType.NOT_REGEX;
            default -> throw new MalformedProtobufException("unknown matcher type " + type);
        };
        try {
            return new LabelMatcher(mt, name, value);
        } catch (PatternSyntaxException e) {
            throw new MalformedProtobufException("invalid regular expression " + value + ": " + e.getDescription());
        }
    }

    /** Encodes a ReadRequest (for tests and a future remote-read client). */
    public byte[] encode() {
        ProtoWriter w = new ProtoWriter(256);
        for (Query q : queries) {
            w.begin(1);
            w.int64Field(1, q.startMillis());
            w.int64Field(2, q.endMillis());
            for (LabelMatcher m : q.matchers()) {
                w.begin(3);
                w.int64Field(1, m.type().ordinal());
                w.stringField(2, m.name());
                w.stringField(3, m.value());
                w.end();
            }
            w.end();
        }
        for (ResponseType t : acceptedResponseTypes) {
            w.tag(2, ProtoReader.VARINT);
            w.varint(t.ordinal());
        }
        return w.toByteArray();
    }
}
