package dev.pharos.discovery;

import dev.pharos.model.Labels;
import java.util.List;

/**
 * A set of targets sharing labels, as Prometheus's {@code targetgroup.Group}. Each target is a
 * label set holding at least {@code __address__}. {@code source} identifies the group within
 * its discovery mechanism (the index for static configs, {@code path:index} for files), so a
 * later group with the same source replaces it; an empty group means the source went away.
 */
public record TargetGroup(List<Labels> targets, Labels groupLabels, String source) {
    public TargetGroup {
        targets = List.copyOf(targets);
        groupLabels = groupLabels == null ? Labels.EMPTY : groupLabels;
    }

    /** A group without targets: tells the consumer to forget the source. */
    public static TargetGroup empty(String source) {
        return new TargetGroup(List.of(), Labels.EMPTY, source);
    }
}
