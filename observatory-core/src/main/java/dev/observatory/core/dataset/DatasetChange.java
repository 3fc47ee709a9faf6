package dev.observatory.core.dataset;

/**
 * One change auto_improve_dataset plans or made. Paths are relative to the dataset folder.
 *
 * @param action
 *            {@code quarantine} (move {@code path} to {@code to} inside the quarantine folder) or {@code write_caption}
 *            (write {@code text} to {@code path}; an existing empty caption is first quarantined by its own change)
 * @param reason
 *            why: corrupt, duplicate_of:&lt;kept file&gt;, caption_of_quarantined, missing_caption, empty_caption
 */
public record DatasetChange(String action, String path, String to, String text, String reason) {
    public static final String QUARANTINE = "quarantine";
    public static final String WRITE_CAPTION = "write_caption";
    /**
     * Rewrite a JSONL, CSV or TSV file without some rows: the original moves to {@code to} (the quarantine), the kept
     * rows are copied byte for byte to {@code path}; {@code text} says how many rows go and why, {@code reason} is
     * {@code rows:<invalid|dedupe|invalid+dedupe>} (what was dropped).
     */
    public static final String REMOVE_ROWS = "remove_rows";
}
