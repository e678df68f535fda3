package dev.pharos.remote;

import dev.pharos.model.Labels;
import dev.pharos.tsdb.Querier;
import dev.pharos.tsdb.SampleIterator;
import dev.pharos.tsdb.Series;
import dev.pharos.tsdb.Storage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Answers remote read requests from a {@link Storage}: as one {@code prometheus.ReadResponse}
 * (SAMPLES) or as a stream of {@code prometheus.ChunkedReadResponse} frames
 * (STREAMED_XOR_CHUNKS), each framed as uvarint length, CRC32C (Castagnoli) of the message as a
 * big-endian uint32, then the message.
 */
public final class RemoteReadHandler {

    /** Samples per chunk, as Prometheus cuts its chunks. */
    static final int SAMPLES_PER_CHUNK = 120;
    /** Frames are flushed once their chunk data reaches this size (Prometheus uses 1 MiB). */
    static final int MAX_FRAME_BYTES = 1 << 20;

    private final Storage storage;

    public RemoteReadHandler(Storage storage) {
        this.storage = storage;
    }

    /** The response type to use: the first accepted one we support, SAMPLES if none listed. */
    public static ReadRequest.ResponseType negotiate(ReadRequest req) {
        for (ReadRequest.ResponseType t : req.acceptedResponseTypes()) {
            return t;
        }
        return ReadRequest.ResponseType.SAMPLES;
    }

    /** The uncompressed ReadResponse for all queries (the caller snappy-compresses it). */
    public byte[] samples(ReadRequest req) {
        ProtoWriter w = new ProtoWriter(4096);
        for (ReadRequest.Query q : req.queries()) {
            w.begin(1); // QueryResult
            try (Querier querier = storage.querier(q.startMillis(), q.endMillis())) {
                for (Series s : select(querier, q)) {
                    w.begin(1); // TimeSeries
                    labels(w, s.labels());
                    SampleIterator it = s.iterator();
                    if (it.seek(q.startMillis())) {
                        do {
                            if (it.timestamp() > q.endMillis()) {
                                break;
                            }
                            w.begin(2);
                            w.doubleField(1, it.value());
                            w.int64Field(2, it.timestamp());
                            w.end();
                        } while (it.next());
                    }
                    w.end();
                }
            }
            w.end();
        }
        return w.toByteArray();
    }

    /** Writes the streamed chunked response; returns the number of frames written. */
    public int streamChunks(ReadRequest req, OutputStream out) throws IOException {
        ProtoWriter w = new ProtoWriter(8192);
        PromXorChunk c = new PromXorChunk();
        CRC32C crc = new CRC32C();
        byte[] head = new byte[14];
        int frames = 0;
        List<ReadRequest.Query> queries = req.queries();
        for (int qi = 0; qi < queries.size(); qi++) {
            ReadRequest.Query q = queries.get(qi);
            try (Querier querier = storage.querier(q.startMillis(), q.endMillis())) {
                for (Series s : select(querier, q)) {
                    SampleIterator it = s.iterator();
                    boolean any = it.seek(q.startMillis()) && it.timestamp() <= q.endMillis();
                    if (!any) {
                        continue;
                    }
                    w.reset();
                    startFrame(w, s.labels());
                    int dataBytes = 0;
                    do {
                        if (it.timestamp() > q.endMillis()) {
                            break;
                        }
                        c.append(it.timestamp(), it.value());
                        if (c.numSamples() == SAMPLES_PER_CHUNK) {
                            dataBytes += chunk(w, c);
                            if (dataBytes >= MAX_FRAME_BYTES) {
                                frames += flushFrame(w, qi, crc, head, out);
                                w.reset();
                                startFrame(w, s.labels());
                                dataBytes = 0;
                            }
                        }
                    } while (it.next());
                    if (c.numSamples() > 0) {
                        dataBytes += chunk(w, c);
                    }
                    frames += flushFrame(w, qi, crc, head, out);
                }
            }
        }
        out.flush();
        return frames;
    }

    private static List<Series> select(Querier querier, ReadRequest.Query q) {
        return querier.select(q.matchers());
    }

    private static void startFrame(ProtoWriter w, Labels labels) {
        w.begin(1); // ChunkedSeries
        labels(w, labels);
    }

    private static int chunk(ProtoWriter w, PromXorChunk c) {
        w.begin(2);
        w.int64Field(1, c.minTime());
        w.int64Field(2, c.maxTime());
        w.int64Field(3, 1); // XOR
        int n = c.sizeBytes();
        w.bytesField(4, c.rawBytes(), 0, n);
        w.end();
        c.reset();
        return n;
    }

    private static int flushFrame(ProtoWriter w, int queryIndex, CRC32C crc, byte[] head, OutputStream out)
            throws IOException {
        w.end(); // ChunkedSeries
        w.int64Field(2, queryIndex);
        int n = w.size();
        int p = 0;
        long v = n;
        while ((v & ~0x7FL) != 0) {
            head[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        head[p++] = (byte) v;
        crc.reset();
        crc.update(w.buffer(), 0, n);
        int sum = (int) crc.getValue();
        head[p++] = (byte) (sum >>> 24);
        head[p++] = (byte) (sum >>> 16);
        head[p++] = (byte) (sum >>> 8);
        head[p++] = (byte) sum;
        out.write(head, 0, p);
        out.write(w.buffer(), 0, n);
        return 1;
    }

    private static void labels(ProtoWriter w, Labels labels) {
        for (int i = 0; i < labels.size(); i++) {
            w.begin(1);
            w.stringField(1, labels.name(i));
            w.stringField(2, labels.value(i));
            w.end();
        }
    }
}
