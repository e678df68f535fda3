package dev.pharos.remote;

import dev.pharos.model.Labels;
import dev.pharos.tsdb.AppendRejectedException;
import dev.pharos.tsdb.Appender;
import dev.pharos.tsdb.Storage;

/**
 * The Remote Write 1.0 receiver: decodes a WriteRequest into one appender batch. A malformed
 * body stores nothing. Samples the storage rejects (out of order, duplicate, too old) are
 * counted and the valid rest is committed, as the spec allows; the caller answers 400 when
 * {@link Result#rejected()} is non-zero so that the sender does not retry.
 */
public final class RemoteWriteHandler {

    /** What one request did. {@code firstError} describes the first rejected sample, if any. */
    public record Result(int series, long samples, long rejected, long histogramsSkipped, String firstError) {
    }

    private final Storage storage;

    public RemoteWriteHandler(Storage storage) {
        this.storage = storage;
    }

    /** Appends the samples of an uncompressed WriteRequest. */
    public Result write(byte[] body, int off, int len) throws MalformedProtobufException {
        WriteRequestDecoder decoder = new WriteRequestDecoder();
        Appender app = storage.appender();
        AppendingSink sink = new AppendingSink(app);
        try {
            decoder.decode(body, off, len, sink);
        } catch (MalformedProtobufException | RuntimeException e) {
            app.rollback();
            throw e;
        }
        app.commit();
        return new Result(decoder.seriesCount(), decoder.sampleCount() - sink.rejected, sink.rejected,
                decoder.histogramCount(), sink.firstError);
    }

    private static final class AppendingSink implements WriteRequestDecoder.Sink {
        private final Appender app;
        private Labels labels;
        private long ref;
        long rejected;
        String firstError;

        AppendingSink(Appender app) {
            this.app = app;
        }

        @Override
        public void series(Labels l) {
            labels = l;
            ref = 0;
        }

        @Override
        public void sample(long t, double v) {
            try {
                ref = app.append(ref, labels, t, v);
            } catch (AppendRejectedException e) {
                if (rejected++ == 0) {
                    firstError = e.getMessage() + " for series " + labels + " at timestamp " + t;
                }
            }
        }
    }
}
