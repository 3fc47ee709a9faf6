package dev.observatory.model.registry;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A condition on a name: equal to, SQL {@code LIKE} (case-sensitive) or {@code ILIKE} (case-insensitive) the pattern.
 * In patterns {@code %} matches any run of characters, {@code _} one character and a backslash escapes the next
 * character.
 */
public record NameFilter(String pattern, Match match) {

    /** How the pattern is compared. */
    public enum Match {
        EQUALS, LIKE, ILIKE
    }

    public NameFilter {
        if (pattern == null || match == null) {
            throw new IllegalArgumentException("a name filter needs a pattern and a match kind");
        }
        if (match != Match.EQUALS && endsWithEscape(pattern)) {
            throw new IllegalArgumentException("the pattern '" + pattern + "' ends with the escape character '\\':"
                    + " escape it as '\\\\' or remove it");
        }
    }

    public static NameFilter equalTo(String name) {
        return new NameFilter(name, Match.EQUALS);
    }

    public static NameFilter like(String pattern) {
        return new NameFilter(pattern, Match.LIKE);
    }

    public static NameFilter ilike(String pattern) {
        return new NameFilter(pattern, Match.ILIKE);
    }

    /** Names containing the text, case-insensitively ({@code ILIKE '%text%'} with wildcards in text escaped). */
    public static NameFilter containing(String text) {
        return ilike("%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }

    private static boolean endsWithEscape(String p) {
        int n = 0;
        for (int i = p.length() - 1; i >= 0 && p.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    /** Whether the name satisfies the filter (the reference semantics every backend follows). */
    public boolean matches(String name) {
        return switch (match) {
            case EQUALS -> pattern.equals(name);
            case LIKE -> regex(pattern, 0).matcher(name).matches();
            case ILIKE -> regex(pattern.toLowerCase(Locale.ROOT), 0).matcher(name.toLowerCase(Locale.ROOT)).matches();
        };
    }

    private static Pattern regex(String like, int flags) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                re.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), flags | Pattern.DOTALL);
    }
}
