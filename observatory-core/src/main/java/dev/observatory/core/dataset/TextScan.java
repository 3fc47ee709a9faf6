package dev.observatory.core.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Scans the JSONL, CSV and TSV files of a dataset: schema, empty and duplicate rows, lengths, label balance. */
final class TextScan {
    static final List<String> LABEL_NAMES = List.of("label", "labels", "class", "category", "target", "sentiment");
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final int MAX_EXAMPLES = 20;

    private final String textField;
    private final String labelField;
    private final Map<String, Map<String, Long>> types = new LinkedHashMap<>();
    private final Map<String, Long> present = new LinkedHashMap<>();
    private final Map<String, List<Long>> lengths = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> labelCounts = new LinkedHashMap<>();
    private final Set<Long> seen = new HashSet<>();
    private final List<String> examples = new ArrayList<>();
    private long rows;
    private long unparsable;
    private long empty;
    private long duplicates;

    private TextScan(String textField, String labelField) {
        this.textField = textField;
        this.labelField = labelField;
    }

    static TextReport scan(Path dir, List<String> files, String textField, String labelField,
            DiagnosisProgress progress) {
        TextScan s = new TextScan(textField, labelField);
        List<String> texts = files.stream().filter(DatasetFiles::isText).toList();
        int done = 0;
        for (String f : texts) {
            try {
                if (DatasetFiles.extension(f).equals("jsonl")) {
                    s.jsonl(dir.resolve(f), f);
                } else {
                    s.csv(dir.resolve(f), f, DatasetFiles.extension(f).equals("tsv") ? '\t' : ',');
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
            }
            progress.update(++done, texts.size(), "text files scanned");
        }
        return s.report(texts.size());
    }

    private void jsonl(Path file, String name) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    emptyRow(name, n);
                    continue;
                }
                JsonNode node;
                try {
                    node = ConfigDocuments.JSON.readTree(line);
                } catch (JacksonException e) {
                    node = null;
                }
                if (node == null || !node.isObject()) {
                    unparsable++;
                    example(name + ":" + n + ": not a JSON object");
                    continue;
                }
                Map<String, Object[]> row = new LinkedHashMap<>();
                for (var e : node.properties()) {
                    JsonNode v = e.getValue();
                    row.put(e.getKey(), new Object[] { jsonType(v), v.isString() ? v.asString() : v.toString() });
                }
                row(row, node.toString(), name, n);
            }
        }
    }

    private void csv(Path file, String name, char delimiter) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvRows csv = new CsvRows(r, delimiter);
            List<String> header = csv.next();
            if (header == null) {
                return;
            }
            List<String> cells;
            while ((cells = csv.next()) != null) {
                if (cells.size() != header.size()) {
                    if (cells.size() == 1 && cells.get(0).isBlank()) {
                        emptyRow(name, csv.line());
                        continue;
                    }
                    unparsable++;
                    example(name + ":" + csv.line() + ": " + cells.size() + " cells, the header has " + header.size());
                    continue;
                }
                Map<String, Object[]> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), new Object[] { cellType(cells.get(i)), cells.get(i) });
                }
                row(row, String.join("\u0000", cells), name, csv.line());
            }
        }
    }

    private void row(Map<String, Object[]> row, String key, String file, int line) {
        boolean allEmpty = row.values().stream().allMatch(v -> v[0].equals("null") || ((String) v[1]).isBlank());
        if (allEmpty) {
            emptyRow(file, line);
            return;
        }
        rows++;
        if (!seen.add((long) key.hashCode() << 32 ^ fnv(key))) {
            duplicates++;
            example(file + ":" + line + ": duplicate row");
        }
        row.forEach((field, v) -> {
            String type = (String) v[0];
            types.computeIfAbsent(field, k -> new LinkedHashMap<>()).merge(type, 1L, Long::sum);
            present.merge(field, 1L, Long::sum);
            if (type.equals("string")) {
                lengths.computeIfAbsent(field, k -> new ArrayList<>()).add((long) ((String) v[1]).length());
            }
            if (isLabel(field) && !type.equals("null")) {
                labelCounts.computeIfAbsent(field, k -> new LinkedHashMap<>()).merge((String) v[1], 1L, Long::sum);
            }
        });
    }

    private boolean isLabel(String field) {
        return labelField != null ? labelField.equals(field) : LABEL_NAMES.contains(field);
    }

    private void emptyRow(String file, int line) {
        empty++;
        example(file + ":" + line + ": empty row");
    }

    private void example(String what) {
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(what);
        }
    }

    private TextReport report(int files) {
        List<TextReport.Field> fields = types.entrySet().stream()
                .map(e -> new TextReport.Field(e.getKey(), e.getValue(), present.get(e.getKey()))).toList();
        String text = textField != null ? textField : longestStringField();
        long[] lens = text == null ? new long[0] : ImageScan.toArray(lengths.getOrDefault(text, List.of()));
        String label = labelField != null ? labelField
                : LABEL_NAMES.stream().filter(labelCounts::containsKey).findFirst().orElse(null);
        Map<String, Long> counts = label == null ? Map.of() : labelCounts.getOrDefault(label, Map.of());
        Double imbalance = counts.isEmpty() ? null
                : Math.round((double) counts.values().stream().mapToLong(Long::longValue).max().orElse(0)
                        / counts.values().stream().mapToLong(Long::longValue).min().orElse(1) * 100) / 100.0;
        return new TextReport(files, rows, unparsable, empty, duplicates, fields, text, LengthStats.of(lens), label,
                ImageScan.top(counts, 50), counts.size(), imbalance, List.copyOf(examples));
    }

    private String longestStringField() {
        String best = null;
        double bestMean = -1;
        for (var e : lengths.entrySet()) {
            double mean = e.getValue().stream().mapToLong(Long::longValue).average().orElse(0);
            if (mean > bestMean) {
                best = e.getKey();
                bestMean = mean;
            }
        }
        return best;
    }

    static String jsonType(JsonNode v) {
        if (v.isNull()) {
            return "null";
        }
        if (v.isString()) {
            return "string";
        }
        if (v.isIntegralNumber()) {
            return "integer";
        }
        if (v.isNumber()) {
            return "number";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        return v.isArray() ? "array" : "object";
    }

    static String cellType(String cell) {
        String c = cell.strip();
        if (c.isEmpty()) {
            return "null";
        }
        if (c.equalsIgnoreCase("true") || c.equalsIgnoreCase("false")) {
            return "boolean";
        }
        if (INTEGER.matcher(c).matches()) {
            return "integer";
        }
        return NUMBER.matcher(c).matches() ? "number" : "string";
    }

    private static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
