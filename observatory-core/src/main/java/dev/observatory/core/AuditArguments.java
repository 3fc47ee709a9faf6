package dev.observatory.core;

import dev.observatory.core.job.SecretRedactor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The arguments of a call as they may be written to the audit log: secrets masked and the whole bounded in size.
 * <p>
 * Masked: the value of any key naming a secret (token, password, passwd, secret, api_key, authorization, credential,
 * private_key, cookie, session, access_key; inside an {@code env}/{@code environment} map also the jobs' wider rule,
 * e.g. HF_KEY), and in any string value bearer tokens, JWTs, well-known token prefixes (ghp_, github_pat_, glpat-, sk-,
 * xox?-, AKIA), assignments such as {@code api_key=...} or {@code password: ...} and passwords in URLs
 * ({@code scheme://user:***@host}). Bounded: strings to 200 characters, lists and maps to 20 entries, nesting to 4
 * levels, the JSON to {@value #MAX_JSON} characters.
 */
public final class AuditArguments {
    /** Most characters of the audited arguments' JSON. */
    public static final int MAX_JSON = 2_000;
    static final int MAX_STRING = 200;
    static final int MAX_ITEMS = 20;
    static final int MAX_DEPTH = 4;
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(token|password|passwd|secret|api[_-]?key|authori[sz]ation|credential|private[_-]?key|cookie"
                    + "|session|access[_-]?key).*");
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]+" + "|\\beyJ[A-Za-z0-9_-]{6,}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"
                    + "|\\b(?:ghp_|gho_|ghs_|ghu_|github_pat_|glpat-|sk-|xox[abprs]-|AKIA)[A-Za-z0-9_-]{8,}");
    private static final Pattern ASSIGNED_SECRET = Pattern.compile(
            "(?i)\\b(token|password|passwd|secret|api[_-]?key|authorization)([\"']?\\s*[=:]\\s*[\"']?)[^\\s\"'&,;]+");
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/\\s:@]+):[^/\\s@]+@");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditArguments() {
    }

    /** Whether a key names a secret (its value is never audited). */
    public static boolean isSecretKey(String key) {
        return key != null && SECRET_KEY.matcher(key).matches();
    }

    /** The value with secrets masked and sizes bounded (maps, lists, strings, numbers, booleans, null). */
    public static Object redact(Object value) {
        return redact(value, 0, false);
    }

    /** The arguments as bounded JSON with secrets masked. */
    public static String json(Map<String, ?> arguments) {
        String out;
        try {
            out = JSON.writeValueAsString(redact(arguments == null ? Map.of() : arguments));
        } catch (RuntimeException e) {
            out = "\"(arguments not serialisable: " + e.getClass().getSimpleName() + ")\"";
        }
        return out.length() <= MAX_JSON ? out : out.substring(0, MAX_JSON) + "...(truncated)";
    }

    /** A string with secret-looking parts masked. */
    public static String redactText(String s) {
        String out = SECRET_VALUE.matcher(s).replaceAll(SecretRedactor.MASK);
        out = ASSIGNED_SECRET.matcher(out).replaceAll("$1$2" + SecretRedactor.MASK);
        return URL_PASSWORD.matcher(out).replaceAll("$1:" + SecretRedactor.MASK + "@");
    }

    private static Object redact(Object value, int depth, boolean envMap) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (depth >= MAX_DEPTH && (value instanceof Map || value instanceof Collection)) {
            return "(nested too deep)";
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (out.size() == MAX_ITEMS) {
                    out.put("...", (m.size() - MAX_ITEMS) + " more entries");
                    break;
                }
                String k = String.valueOf(e.getKey());
                boolean secret = isSecretKey(k) || (envMap && SecretRedactor.isSecretName(k));
                out.put(bound(k),
                        secret ? SecretRedactor.MASK
                                : redact(e.getValue(), depth + 1,
                                        k.equalsIgnoreCase("env") || k.equalsIgnoreCase("environment")));
            }
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            for (Object o : c) {
                if (out.size() == MAX_ITEMS) {
                    out.add("... " + (c.size() - MAX_ITEMS) + " more items");
                    break;
                }
                out.add(redact(o, depth + 1, false));
            }
            return out;
        }
        return bound(redactText(String.valueOf(value)));
    }

    private static String bound(String s) {
        return s.length() <= MAX_STRING ? s : s.substring(0, MAX_STRING) + "...";
    }
}
