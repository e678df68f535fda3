package dev.pharos.pushgateway;

import dev.pharos.exposition.ExpositionParseException;
import dev.pharos.exposition.FamilyParser;
import dev.pharos.exposition.MetricFamilyData;
import dev.pharos.exposition.ProtobufFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.xerial.snappy.SnappyFramedInputStream;

/**
 * Reads a push body as the original does: {@code Content-Encoding} gzip or snappy (framed),
 * then the delimited protobuf format when the Content-Type says exactly that, else the text
 * format. Bodies beyond {@code maxBytes} (compressed or not) fail with 413 before they are
 * held in memory whole.
 */
public final class PushBody {

    private PushBody() {
    }

    /** The (decompressed) body, at most {@code maxBytes} long (0 = unlimited). */
    public static byte[] read(InputStream in, String contentEncoding, long maxBytes) throws PushException, IOException {
        InputStream src = in;
        String enc = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        try {
            if (enc.equals("gzip")) {
                // Liberty's httpOptions autoDecompression (on by default) may already have
                // inflated the body: inflate only what still starts with the gzip magic.
                java.io.BufferedInputStream bin = new java.io.BufferedInputStream(in);
                bin.mark(2);
                int b0 = bin.read();
                int b1 = bin.read();
                bin.reset();
                src = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(bin) : bin;
            } else if (enc.equals("snappy")) {
                src = new SnappyFramedInputStream(in);
            }
        } catch (IOException e) {
            throw new PushException(400, "reading the " + enc + " body failed: " + e.getMessage());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        byte[] buf = new byte[8192];
        long total = 0;
        try {
            for (int n; (n = src.read(buf)) > 0; ) {
                total += n;
                if (maxBytes > 0 && total > maxBytes) {
                    throw new PushException(413, "request body exceeds the limit of " + maxBytes + " bytes");
                }
                out.write(buf, 0, n);
            }
        } catch (java.util.zip.ZipException e) {
            throw new PushException(400, "reading the gzip body failed: " + e.getMessage());
        }
        return out.toByteArray();
    }

    /** True if the Content-Type names the delimited protobuf MetricFamily format. */
    public static boolean isProtobuf(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/vnd.google.protobuf")) {
            return false;
        }
        boolean proto = false;
        boolean delimited = false;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String k = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String v = p.substring(eq + 1).trim().replace("\"", "");
            proto |= k.equals("proto") && v.equals("io.prometheus.client.MetricFamily");
            delimited |= k.equals("encoding") && v.equals("delimited");
        }
        return proto && delimited;
    }

    /** The families of a body; a malformed body fails with 400 and the parser's message. */
    public static List<MetricFamilyData> parse(String contentType, byte[] body) throws PushException {
        try {
            return isProtobuf(contentType) ? ProtobufFormat.decodeDelimited(body) : FamilyParser.parseText(body);
        } catch (ExpositionParseException e) {
            throw new PushException(400, e.getMessage());
        } catch (RuntimeException e) {
            throw new PushException(400, "malformed body: " + e);
        }
    }
}
