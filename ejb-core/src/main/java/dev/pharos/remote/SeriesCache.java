package dev.pharos.remote;

import dev.pharos.model.Labels;
import dev.pharos.relabel.RelabelConfig;
import dev.pharos.relabel.Relabeler;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one remote-write queue sends for each ingested label set, computed once per series: the
 * external labels are added (a label the series has wins), then write_relabel_configs run, as
 * in Prometheus's queue manager; a series they drop (or leave without labels) resolves to
 * {@link SendSeries#DROPPED}.
 *
 * <p>The hot path is one {@link ConcurrentHashMap#get} keyed by the ingested {@link Labels}
 * (the scrape and rule loops hand the same object on every sample, so equality is an identity
 * check and the hash is cached): no allocation, no relabelling. The map is bounded with two
 * generations: when the young one reaches half of {@code maxSeries} it becomes the old one and
 * a new young one starts; a hit in the old generation is moved back, so series that keep
 * coming survive and vanished series go with the old generation.
 */
final class SeriesCache {

    private final List<RelabelConfig> relabel;
    private final Labels external;
    private final int generationSize;
    private volatile ConcurrentHashMap<Labels, SendSeries> young = new ConcurrentHashMap<>();
    private volatile ConcurrentHashMap<Labels, SendSeries> old = new ConcurrentHashMap<>();

    SeriesCache(List<RelabelConfig> relabel, Labels external, int maxSeries) {
        this.relabel = relabel == null ? List.of() : List.copyOf(relabel);
        this.external = external == null ? Labels.EMPTY : external;
        this.generationSize = Math.max(1, maxSeries / 2);
    }

    SendSeries resolve(Labels in) {
        SendSeries s = young.get(in);
        return s != null ? s : miss(in);
    }

    private SendSeries miss(Labels in) {
        SendSeries s = old.get(in);
        if (s == null) {
            s = compute(in);
        }
        ConcurrentHashMap<Labels, SendSeries> y = young;
        y.put(in, s);
        if (y.size() >= generationSize) {
            rotate(y);
        }
        return s;
    }

    private synchronized void rotate(ConcurrentHashMap<Labels, SendSeries> full) {
        if (young == full) {
            old = full;
            young = new ConcurrentHashMap<>();
        }
    }

    /** Series currently cached (both generations, counted twice when in both). */
    int size() {
        return young.size() + old.size();
    }

    SendSeries compute(Labels in) {
        Labels l = withExternal(in);
        if (!relabel.isEmpty()) {
            l = Relabeler.process(l, relabel);
        }
        return l == null || l.isEmpty() ? SendSeries.DROPPED : new SendSeries(l);
    }

    private Labels withExternal(Labels l) {
        if (external.isEmpty()) {
            return l;
        }
        Labels.Builder b = null;
        for (int i = 0; i < external.size(); i++) {
            if (!l.has(external.name(i))) {
                if (b == null) {
                    b = l.toBuilder();
                }
                b.set(external.name(i), external.value(i));
            }
        }
        return b == null ? l : b.build();
    }
}
