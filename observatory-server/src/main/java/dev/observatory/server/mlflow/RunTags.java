package dev.observatory.server.mlflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How MLflow's key/value run tags map onto Observatory's run labels. A tag whose {@code key=value} text is a valid
 * label (at most 100 printable characters, key not under {@code mlflow.}) is kept as that label, so every surface sees
 * it; any other tag (system tags, long values, more than 50 labels) is kept in the MLflow store's side table. Each key
 * lives in exactly one of the two places. Reading, a label {@code k=v} is tag k with value v and a label without
 * {@code =} is a tag with an empty value; side-table entries win over labels. The label {@value #DELETED_LABEL} marks a
 * run deleted through MLflow (shown on every surface, hidden from MLflow's tags).
 */
final class RunTags {
    static final String DELETED_LABEL = "mlflow.lifecycle=deleted";
    static final String RUN_NAME = "mlflow.runName";
    static final String USER = "mlflow.user";
    static final int MAX_LABEL = 100;
    static final int MAX_LABELS = 50;

    private RunTags() {
    }

    /** The key of a label: the text before the first '=' (all of it when there is none). */
    static String keyOf(String label) {
        int eq = label.indexOf('=');
        return eq < 0 ? label : label.substring(0, eq);
    }

    /** The MLflow tags of a run: labels parsed, then the side table over them; the deleted marker left out. */
    static Map<String, String> view(List<String> labels, Map<String, String> side) {
        Map<String, String> out = new TreeMap<>();
        for (String label : labels) {
            if (label.equals(DELETED_LABEL)) {
                continue;
            }
            int eq = label.indexOf('=');
            out.put(eq < 0 ? label : label.substring(0, eq), eq < 0 ? "" : label.substring(eq + 1));
        }
        out.putAll(side);
        return out;
    }

    static boolean fitsLabel(String key, String value) {
        if (key.startsWith("mlflow.") || key.contains("=") || key.isBlank()) {
            return false;
        }
        String label = key + "=" + value;
        if (label.length() > MAX_LABEL) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            if (Character.isISOControl(label.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Where a set of tag changes goes: the new label list (null when unchanged) and the side-table changes. */
    record Plan(List<String> labels, Map<String, String> sideSet, List<String> sideRemove) {
        boolean labelsChanged() {
            return labels != null;
        }

        boolean sideChanged() {
            return !sideSet.isEmpty() || !sideRemove.isEmpty();
        }
    }

    /**
     * Plans setting {@code set} and removing {@code remove}. {@code sideKeys} are the keys now in the side table (a key
     * moving into a label leaves it).
     */
    static Plan plan(List<String> labels, Collection<String> sideKeys, Map<String, String> set,
            Collection<String> remove) {
        List<String> kept = new ArrayList<>();
        boolean changed = false;
        for (String label : labels) {
            String k = keyOf(label);
            if (set.containsKey(k) || remove.contains(k)) {
                changed = true;
            } else {
                kept.add(label);
            }
        }
        Map<String, String> sideSet = new LinkedHashMap<>();
        List<String> sideRemove = new ArrayList<>();
        for (Map.Entry<String, String> e : set.entrySet()) {
            if (fitsLabel(e.getKey(), e.getValue()) && kept.size() < MAX_LABELS) {
                kept.add(e.getKey() + "=" + e.getValue());
                changed = true;
                if (sideKeys.contains(e.getKey())) {
                    sideRemove.add(e.getKey());
                }
            } else {
                sideSet.put(e.getKey(), e.getValue());
            }
        }
        for (String k : remove) {
            if (sideKeys.contains(k)) {
                sideRemove.add(k);
            }
        }
        return new Plan(changed ? kept : null, sideSet, sideRemove);
    }

    /** The labels with the deleted marker added or removed; null when nothing changes. */
    static List<String> markDeleted(List<String> labels, boolean deleted) {
        boolean has = labels.contains(DELETED_LABEL);
        if (has == deleted) {
            return null;
        }
        List<String> out = new ArrayList<>(labels);
        if (deleted) {
            out.add(DELETED_LABEL);
        } else {
            out.remove(DELETED_LABEL);
        }
        return out;
    }
}
