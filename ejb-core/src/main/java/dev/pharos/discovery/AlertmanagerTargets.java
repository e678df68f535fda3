package dev.pharos.discovery;

import dev.pharos.config.AlertmanagerConfig;
import dev.pharos.model.Labels;
import dev.pharos.relabel.Relabeler;
import java.util.ArrayList;
import java.util.List;

/**
 * Alertmanager endpoints from discovered groups, as Prometheus's notifier
 * ({@code AlertmanagerFromGroup}): target labels, {@code __scheme__} from the config,
 * {@code __alerts_path__} = path_prefix joined with {@code /api/v2/alerts}, group labels where
 * the target has none, then the Alertmanager relabel_configs.
 */
public final class AlertmanagerTargets {

    public static final String ALERTS_PATH = "__alerts_path__";

    /** One Alertmanager: its labels after relabeling and the URL alerts are posted to. */
    public record Endpoint(Labels labels, String url) {
    }

    /** The kept Alertmanagers; an address holding a URL is an error, as in Prometheus. */
    public record Result(List<Endpoint> active, List<Labels> dropped) {
    }

    private AlertmanagerTargets() {
    }

    public static Result fromGroup(AlertmanagerConfig cfg, TargetGroup group) {
        List<Endpoint> active = new ArrayList<>();
        List<Labels> dropped = new ArrayList<>();
        for (Labels t : group.targets()) {
            Labels.Builder lb = t.toBuilder();
            lb.set(TargetBuilder.SCHEME, cfg.scheme());
            lb.set(ALERTS_PATH, postPath(cfg.pathPrefix(), cfg.apiVersion()));
            group.groupLabels().forEach((n, v) -> {
                if (!t.has(n)) {
                    lb.set(n, v);
                }
            });
            Labels pre = lb.build();
            if (!Relabeler.processBuilder(lb, cfg.relabelConfigs())) {
                dropped.add(pre);
                continue;
            }
            Labels res = lb.build();
            String addr = res.getOrEmpty(TargetBuilder.ADDRESS);
            if (addr.contains("/")) {
                throw new IllegalArgumentException("\"" + addr + "\" is not a valid hostname");
            }
            active.add(new Endpoint(res, res.getOrEmpty(TargetBuilder.SCHEME) + "://" + addr
                    + res.getOrEmpty(ALERTS_PATH)));
        }
        return new Result(List.copyOf(active), List.copyOf(dropped));
    }

    /** Go's path.Join("/", prefix, "/api/<v>/alerts"): slashes collapsed, no trailing slash. */
    static String postPath(String prefix, String apiVersion) {
        String joined = "/" + prefix + "/api/" + apiVersion + "/alerts";
        StringBuilder sb = new StringBuilder();
        for (String part : joined.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                int cut = sb.lastIndexOf("/");
                sb.setLength(Math.max(cut, 0));
                continue;
            }
            sb.append('/').append(part);
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }
}
