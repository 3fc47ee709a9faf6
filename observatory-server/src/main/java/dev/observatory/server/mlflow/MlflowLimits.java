package dev.observatory.server.mlflow;

import java.util.Locale;
import java.util.regex.Pattern;

/** MLflow's rules for metric, param and tag names and values (mlflow.utils.validation), as its server applies them. */
final class MlflowLimits {
    private static final Pattern NAME = Pattern.compile("[/\\w.\\- :]*", Pattern.UNICODE_CHARACTER_CLASS);
    static final int MAX_KEY = 250;
    static final int MAX_PARAM_VALUE = 6000;
    static final int MAX_TAG_VALUE = 8000;

    private MlflowLimits() {
    }

    static void checkName(String what, String key) {
        if (key == null || key.isEmpty()) {
            throw MlflowException
                    .invalid("Missing value for required parameter 'key'. " + what + " names must not be empty.");
        }
        if (key.length() > MAX_KEY) {
            throw MlflowException.invalid(what + " name '" + key.substring(0, 40) + "...' had length " + key.length()
                    + ", which exceeded length limit of " + MAX_KEY);
        }
        if (!NAME.matcher(key).matches() || key.contains("..") || key.startsWith("/")) {
            throw MlflowException.invalid("Invalid " + what.toLowerCase(Locale.ROOT) + " name: '" + key
                    + "'. Names may only contain alphanumerics, underscores (_), dashes (-), periods (.),"
                    + " spaces ( ), colon(:) and slashes (/), and may not contain '..' or start with '/'.");
        }
    }

    static void checkParam(String key, String value) {
        checkName("Param", key);
        if (value == null) {
            throw MlflowException.invalid("Missing value for required parameter 'value' of param '" + key + "'");
        }
        if (value.length() > MAX_PARAM_VALUE) {
            throw MlflowException.invalid("Param value '" + value.substring(0, 40) + "...' had length " + value.length()
                    + ", which exceeded length limit of " + MAX_PARAM_VALUE);
        }
    }

    static void checkTag(String key, String value) {
        checkName("Tag", key);
        if (value == null) {
            throw MlflowException.invalid("Missing value for required parameter 'value' of tag '" + key + "'");
        }
        if (value.length() > MAX_TAG_VALUE) {
            throw MlflowException.invalid("Tag value '" + value.substring(0, 40) + "...' had length " + value.length()
                    + ", which exceeded length limit of " + MAX_TAG_VALUE);
        }
    }
}
