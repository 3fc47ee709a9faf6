package dev.observatory.core.job;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Error lines made comparable across jobs: hex ids, paths, quoted values and numbers are replaced by placeholders, so
 * that "CUDA out of memory. Tried to allocate 2.50 GiB (GPU 0; 79.3 GiB total)" of two jobs is the same signature.
 */
public final class ErrorSignatures {
    private static final Pattern HEX = Pattern.compile("\\b0x[0-9a-fA-F]+\\b|\\b[0-9a-f]{8,}\\b");
    private static final Pattern PATH = Pattern.compile("(?:[A-Za-z]:)?(?:/[^\\s/:'\",()]+){2,}/?");
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final List<String> ERROR_MARKERS = List.of("error", "exception", "traceback", "fatal",
            "out of memory", "killed", "segmentation fault", "core dumped", "assert");

    private ErrorSignatures() {
    }

    /** The normalised signature of an error line (at most 200 characters). */
    public static String normalise(String line) {
        String s = HEX.matcher(line.strip()).replaceAll("<hex>");
        s = PATH.matcher(s).replaceAll("<path>");
        s = QUOTED.matcher(s).replaceAll("<str>");
        s = NUMBER.matcher(s).replaceAll("<n>");
        s = SPACES.matcher(s).replaceAll(" ");
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    /** Whether the line looks like an error message. */
    public static boolean isErrorLine(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        for (String m : ERROR_MARKERS) {
            if (l.contains(m)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The line that best names why a program failed among its last lines: the last error-looking line that is not a
     * traceback frame, else null.
     */
    public static String lastErrorLine(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i).strip();
            if (!l.isEmpty() && isErrorLine(l) && !l.startsWith("File \"") && !l.startsWith("at ")
                    && !l.startsWith("Traceback")) {
                return l;
            }
        }
        return null;
    }
}
