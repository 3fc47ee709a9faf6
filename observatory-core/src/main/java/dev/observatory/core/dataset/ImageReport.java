package dev.observatory.core.dataset;

import java.util.List;
import java.util.Map;

/**
 * What a scan of an image dataset found. Paths are relative to the dataset directory, sorted.
 *
 * @param corrupt
 *            images whose header or structure is broken, with the reason (truncated or undecodable)
 * @param missingCaptions
 *            images with no sidecar caption ({@code <stem>.txt} or {@code <stem>.caption})
 * @param emptyCaptions
 *            images whose caption file is blank
 * @param duplicateGroups
 *            groups of images with identical bytes (SHA-256), each sorted; the first of a group is the one kept
 * @param duplicateFiles
 *            images that repeat an earlier one (sum over groups of size - 1)
 * @param resolutions
 *            histogram of the shorter side of decodable images, buckets in ascending order
 * @param aspectRatios
 *            histogram of width / height of decodable images, buckets in ascending order
 * @param topResolutions
 *            the most common exact sizes ({@code 1024x768}), at most 20, most common first
 * @param captionChars
 *            caption lengths in characters (non-empty captions)
 * @param captionWords
 *            caption lengths in words (non-empty captions)
 */
public record ImageReport(long images, long bytes, Map<String, Long> formats, List<FileProblem> corrupt,
        List<String> missingCaptions, List<String> emptyCaptions, List<List<String>> duplicateGroups,
        long duplicateFiles, Map<String, Long> resolutions, Map<String, Long> aspectRatios,
        Map<String, Long> topResolutions, LengthStats captionChars, LengthStats captionWords) {

    /** A file and what is wrong with it. */
    public record FileProblem(String path, String problem) {
    }
}
