package dev.pharos.promql.engine;

import java.util.ArrayList;
import java.util.List;

/** Natural ordering of strings (digit runs compare as numbers), as sort_by_label uses. */
final class NatSort {
    private NatSort() {
    }

    private static List<String> chunks(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            boolean digit = Character.isDigit(s.charAt(i));
            int j = i;
            while (j < s.length() && Character.isDigit(s.charAt(j)) == digit) {
                j++;
            }
            out.add(s.substring(i, j));
            i = j;
        }
        return out;
    }

    private static Long atoi(String s) {
        if (s.isEmpty() || !Character.isDigit(s.charAt(0))) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** True if a sorts before b. */
    static boolean less(String a, String b) {
        List<String> ca = chunks(a);
        List<String> cb = chunks(b);
        for (int i = 0; i < ca.size(); i++) {
            if (i >= cb.size()) {
                return false;
            }
            Long ai = atoi(ca.get(i));
            Long bi = atoi(cb.get(i));
            if (ai != null && bi != null) {
                if (ai.longValue() == bi.longValue()) {
                    if (i == ca.size() - 1) {
                        return true;
                    } else if (i == cb.size() - 1) {
                        return false;
                    }
                    continue;
                }
                return ai < bi;
            }
            if (ca.get(i).equals(cb.get(i))) {
                if (i == ca.size() - 1) {
                    return true;
                } else if (i == cb.size() - 1) {
                    return false;
                }
                continue;
            }
            return ca.get(i).compareTo(cb.get(i)) < 0;
        }
        return false;
    }
}
