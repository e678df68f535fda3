package dev.pharos.alertmanager.dispatch;

import dev.pharos.alertmanager.Alert;
import dev.pharos.model.Labels;
import java.util.Comparator;
import java.util.TreeSet;

/** The order of alerts in a notification: by job, then instance, then the whole label set (as the original). */
public final class AlertOrder implements Comparator<Alert> {

    public static final AlertOrder INSTANCE = new AlertOrder();

    @Override
    public int compare(Alert a, Alert b) {
        for (String key : new String[] {"job", "instance"}) {
            String x = a.labels().get(key);
            String y = b.labels().get(key);
            if (x == null && y == null) {
                continue;
            }
            if (x == null) {
                return 1;
            }
            if (y == null) {
                return -1;
            }
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return before(a.labels(), b.labels()) ? -1 : before(b.labels(), a.labels()) ? 1 : 0;
    }

    /** Go's LabelSet.Before. */
    public static boolean before(Labels a, Labels b) {
        if (a.size() != b.size()) {
            return a.size() < b.size();
        }
        TreeSet<String> names = new TreeSet<>();
        a.forEach((n, v) -> names.add(n));
        b.forEach((n, v) -> names.add(n));
        for (String n : names) {
            String x = a.get(n);
            if (x == null) {
                return true;
            }
            String y = b.get(n);
            if (y == null) {
                return false;
            }
            int c = x.compareTo(y);
            if (c != 0) {
                return c < 0;
            }
        }
        return false;
    }
}
