package dev.observatory.core.dataset;

import java.util.List;
import java.util.Map;

/**
 * What a scan of the JSONL / CSV / TSV files of a dataset found.
 *
 * @param rows
 *            data rows read (CSV header rows excluded; unparsable JSONL lines excluded)
 * @param unparsable
 *            JSONL lines that are not a JSON object, or CSV rows with another cell count than the header
 * @param emptyRows
 *            blank lines, {@code {}}, or rows whose every value is null or blank
 * @param duplicateRows
 *            non-empty rows equal to an earlier row (across all files)
 * @param fields
 *            inferred schema: every field in first-seen order
 * @param textField
 *            the field whose lengths are reported (given, or the string field with the longest mean length)
 * @param labelField
 *            the field whose balance is reported (given, or one named label, labels, class, category, target or
 *            sentiment); null when none
 * @param labels
 *            counts per label value, most common first (at most 50)
 * @param imbalance
 *            most common label count / least common label count (null without labels)
 * @param examples
 *            the first problems found, as {@code file:line: what}
 */
public record TextReport(long files, long rows, long unparsable, long emptyRows, long duplicateRows, List<Field> fields,
        String textField, LengthStats textChars, String labelField, Map<String, Long> labels, long distinctLabels,
        Double imbalance, List<String> examples) {

    /**
     * One inferred field.
     *
     * @param types
     *            how many rows hold each type: string, integer, number, boolean, null, object, array (CSV cells are
     *            typed by their text; blank cells count as null)
     * @param present
     *            rows holding the field
     */
    public record Field(String name, Map<String, Long> types, long present) {
    }
}
