package dev.pharos.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.model.StaleNaN;
import dev.pharos.tsdb.Appender;
import dev.pharos.tsdb.MemoryStorage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class RemoteReadHandlerTest {

    /** A reader of Prometheus's XOR chunk, written from the format description, to check the encoder. */
    static final class XorReader {
        final byte[] b;
        long bit = 16;

        XorReader(byte[] b) {
            this.b = b;
        }

        long bits(int n) {
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 1) | ((b[(int) (bit >>> 3)] >>> (7 - (bit & 7))) & 1);
                bit++;
            }
            return v;
        }

        long uvarint() {
            long r = 0;
            for (int s = 0; ; s += 7) {
                long x = bits(8);
                r |= (x & 0x7F) << s;
                if (x < 0x80) {
                    return r;
                }
            }
        }

        static long signExtend(long v, int n) {
            return (v << (64 - n)) >> (64 - n);
        }

        void decode(long[] ts, double[] vs) {
            int n = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
            assertEquals(ts.length, n);
            long t = 0;
            long delta = 0;
            long v = 0;
            int leading = 0;
            int trailing = 0;
            for (int i = 0; i < n; i++) {
                if (i == 0) {
                    long u = uvarint();
                    t = (u >>> 1) ^ -(u & 1);
                    v = bits(64);
                } else {
                    if (i == 1) {
                        delta = uvarint();
                    } else {
                        int prefix = 0;
                        while (prefix < 4 && bits(1) == 1) {
                            prefix++;
                        }
                        int[] widths = {0, 14, 17, 20, 64};
                        long dod = prefix == 0 ? 0 : signExtend(bits(widths[prefix]), widths[prefix]);
                        delta += dod;
                    }
                    t += delta;
                    if (bits(1) == 1) {
                        if (bits(1) == 1) {
                            leading = (int) bits(5);
                            int sig = (int) bits(6);
                            if (sig == 0) {
                                sig = 64;
                            }
                            trailing = 64 - leading - sig;
                        }
                        int sig = 64 - leading - trailing;
                        v ^= bits(sig) << trailing;
                    }
                }
                ts[i] = t;
                vs[i] = Double.longBitsToDouble(v);
            }
        }
    }

    @Test
    void xorChunksDecodeBackToTheSamples() {
        Random rnd = new Random(7);
        long[] ts = new long[120];
        double[] vs = new double[120];
        long t = -5000 + rnd.nextInt(100);
        for (int i = 0; i < ts.length; i++) {
            t += i % 17 == 0 ? rnd.nextInt(2_000_000) : 15_000 + rnd.nextInt(30) - 15;
            ts[i] = t;
            vs[i] = i % 11 == 0 ? StaleNaN.VALUE : i % 5 == 0 ? rnd.nextGaussian() * 1e6 : Math.floor(i / 3.0);
        }
        PromXorChunk c = new PromXorChunk();
        for (int i = 0; i < ts.length; i++) {
            c.append(ts[i], vs[i]);
        }
        long[] gotT = new long[ts.length];
        double[] gotV = new double[ts.length];
        new XorReader(Arrays.copyOf(c.rawBytes(), c.sizeBytes())).decode(gotT, gotV);
        assertArrayEquals(ts, gotT);
        for (int i = 0; i < vs.length; i++) {
            assertEquals(Double.doubleToRawLongBits(vs[i]), Double.doubleToRawLongBits(gotV[i]), "sample " + i);
        }
    }

    @Test
    void streamedFramesCarryLengthCrcAndChunks() throws Exception {
        MemoryStorage st = new MemoryStorage();
        Appender app = st.appender();
        for (int i = 0; i < 250; i++) {
            app.append(0, Labels.of("__name__", "m", "k", "a"), 1000L * i, i);
        }
        app.append(0, Labels.of("__name__", "m", "k", "b"), 5000, 1);
        app.commit();
        ReadRequest req = new ReadRequest(List.of(new ReadRequest.Query(0, 1_000_000,
                new LabelMatcher[] {LabelMatcher.equal("__name__", "m")})),
                List.of(ReadRequest.ResponseType.STREAMED_XOR_CHUNKS, ReadRequest.ResponseType.SAMPLES));
        req = ReadRequest.decode(req.encode(), 0, req.encode().length);
        assertEquals(ReadRequest.ResponseType.STREAMED_XOR_CHUNKS, RemoteReadHandler.negotiate(req));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(2, new RemoteReadHandler(st).streamChunks(req, out));
        byte[] b = out.toByteArray();
        ProtoReader r = new ProtoReader(b, 0, b.length);
        List<Integer> chunksPerFrame = new ArrayList<>();
        while (r.more()) {
            int n = (int) r.varint();
            long crc = ((b[r.pos] & 0xFFL) << 24) | ((b[r.pos + 1] & 0xFF) << 16) | ((b[r.pos + 2] & 0xFF) << 8) | (b[r.pos + 3] & 0xFF);
            r.pos += 4;
            CRC32C c = new CRC32C();
            c.update(b, r.pos, n);
            assertEquals(c.getValue(), crc);
            ProtoReader msg = new ProtoReader(b, r.pos, n);
            r.pos += n;
            int chunks = 0;
            while (msg.more()) {
                int tag = msg.tag();
                if (tag >>> 3 == 1) {
                    int len = msg.length();
                    ProtoReader cs = new ProtoReader(b, msg.pos, len);
                    msg.pos += len;
                    while (cs.more()) {
                        int t = cs.tag();
                        if (t >>> 3 == 2) {
                            chunks++;
                        }
                        cs.skip(t);
                    }
                } else {
                    msg.skip(tag);
                }
            }
            chunksPerFrame.add(chunks);
        }
        assertEquals(List.of(3, 1), chunksPerFrame); // 250 samples = 120 + 120 + 10
    }
}
