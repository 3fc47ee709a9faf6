package dev.observatory.core.dataset;

/**
 * What auto_improve_dataset may do.
 *
 * @param captionTemplate
 *            text of a filled caption; {@code {name}} is the file name without extension with '_' and '-' as spaces,
 *            {@code {folder}} the name of the image's folder (null: {@code "{name}"})
 */
public record ImproveOptions(boolean quarantineCorrupt, boolean dedupe, boolean fillMissingCaptions,
        boolean fillEmptyCaptions, String captionTemplate) {

    public ImproveOptions {
        captionTemplate = captionTemplate == null || captionTemplate.isBlank() ? "{name}" : captionTemplate;
        if (captionTemplate.length() > 1000) {
            throw new IllegalArgumentException("caption_template must be at most 1000 characters");
        }
    }

    /** Everything on, captions from the file name. */
    public static ImproveOptions all() {
        return new ImproveOptions(true, true, true, true, null);
    }
}
