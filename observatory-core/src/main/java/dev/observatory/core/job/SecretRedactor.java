package dev.observatory.core.job;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hides the values of secret-looking environment variables (names containing KEY, TOKEN, SECRET, PASSWORD, PASSWD,
 * CREDENTIAL, AUTH or PRIVATE) wherever a job's data leaves the server: its environment in tool outputs and every log
 * line it prints.
 */
public final class SecretRedactor {
    /** What a secret value is replaced with. */
    public static final String MASK = "***";
    private static final Pattern SECRET_NAME = Pattern
            .compile("(?i).*(KEY|TOKEN|SECRET|PASSWORD|PASSWD|PWD|CREDENTIAL|AUTH|PRIVATE|SESSION|COOKIE).*");
    /** Values shorter than this are masked in the environment but not searched for in lines (too many hits). */
    private static final int MIN_SEARCHED = 4;

    private final String[] secrets;

    /** A redactor for the secret values of this environment. */
    public SecretRedactor(Map<String, String> env) {
        List<String> found = new ArrayList<>();
        env.forEach((name, value) -> {
            if (isSecretName(name) && value != null && value.length() >= MIN_SEARCHED) {
                found.add(value);
            }
        });
        found.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = found.toArray(String[]::new);
    }

    public static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    /** The environment with secret values masked. */
    public static Map<String, String> redactEnv(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((k, v) -> out.put(k, isSecretName(k) ? MASK : v));
        return out;
    }

    /** The text with every secret value replaced by {@link #MASK}. */
    public String redact(String text) {
        String out = text;
        for (String s : secrets) {
            if (out.contains(s)) {
                out = out.replace(s, MASK);
            }
        }
        return out;
    }

    public boolean hasSecrets() {
        return secrets.length > 0;
    }
}
