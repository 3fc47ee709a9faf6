package dev.observatory.store.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL text into the tokens that matter for {@link SqlGuard}: words (lower-cased), quoted identifiers, string
 * literals, numbers and single-character symbols. Comments and whitespace are dropped. The rules follow PostgreSQL and
 * DuckDB: {@code ''} inside a string, backslash escapes only in {@code E'...'}, {@code ""} inside a quoted identifier,
 * dollar-quoted strings ({@code $$...$$}, {@code $tag$...$tag$}), {@code --} line comments and {@code /* *}{@code /}
 * block comments. A block comment inside a block comment is refused (PostgreSQL nests them, a reader that does not
 * would see other statements than the database), as is any unterminated string or comment.
 */
final class SqlLexer {

    enum Kind {
        WORD, QUOTED, STRING, NUMBER, SYMBOL
    }

    /** One token; {@code text} is lower-cased for words and unquoted for quoted identifiers and strings. */
    record Token(Kind kind, String text, int start, int end) {
        boolean is(String word) {
            return kind == Kind.WORD && text.equals(word);
        }

        boolean symbol(char c) {
            return kind == Kind.SYMBOL && text.length() == 1 && text.charAt(0) == c;
        }
    }

    private final String sql;
    private int pos;
    private final List<Token> tokens = new ArrayList<>();

    private SqlLexer(String sql) {
        this.sql = sql;
    }

    /** The tokens of the text; IllegalArgumentException for an unterminated string, identifier or comment. */
    static List<Token> tokens(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && next(1) == '-') {
                while (pos < sql.length() && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (c == '/' && next(1) == '*') {
                blockComment();
            } else if (c == '\'') {
                string(pos, escapeString());
            } else if (c == '"') {
                quoted();
            } else if (c == '$' && dollarTag() != null) {
                dollarString(dollarTag());
            } else if (isWordStart(c)) {
                word();
            } else if (Character.isDigit(c)) {
                number();
            } else {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), pos, pos + 1));
                pos++;
            }
        }
    }

    private char next(int ahead) {
        return pos + ahead < sql.length() ? sql.charAt(pos + ahead) : '\0';
    }

    private void blockComment() {
        int start = pos;
        pos += 2;
        while (pos < sql.length()) {
            if (sql.startsWith("*/", pos)) {
                pos += 2;
                return;
            }
            if (sql.startsWith("/*", pos)) {
                throw new IllegalArgumentException(
                        "nested block comments are not allowed (at character " + (pos + 1) + "); remove the inner /*");
            }
            pos++;
        }
        throw new IllegalArgumentException("unterminated block comment starting at character " + (start + 1));
    }

    /** Whether the quote at pos opens an E'...' string (the previous token is the single letter E, touching it). */
    private boolean escapeString() {
        if (tokens.isEmpty()) {
            return false;
        }
        Token last = tokens.get(tokens.size() - 1);
        return last.kind() == Kind.WORD && last.text().equals("e") && last.end() == pos;
    }

    private void string(int start, boolean backslashEscapes) {
        StringBuilder text = new StringBuilder();
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (backslashEscapes && c == '\\' && pos + 1 < sql.length()) {
                text.append(sql.charAt(pos + 1));
                pos += 2;
            } else if (c == '\'' && next(1) == '\'') {
                text.append('\'');
                pos += 2;
            } else if (c == '\'') {
                pos++;
                tokens.add(new Token(Kind.STRING, text.toString(), start, pos));
                return;
            } else {
                text.append(c);
                pos++;
            }
        }
        throw new IllegalArgumentException("unterminated string literal starting at character " + (start + 1));
    }

    private void quoted() {
        int start = pos;
        StringBuilder text = new StringBuilder();
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '"' && next(1) == '"') {
                text.append('"');
                pos += 2;
            } else if (c == '"') {
                pos++;
                tokens.add(new Token(Kind.QUOTED, text.toString(), start, pos));
                return;
            } else {
                text.append(c);
                pos++;
            }
        }
        throw new IllegalArgumentException("unterminated quoted identifier starting at character " + (start + 1));
    }

    /** The tag ({@code $$} or {@code $name$}) of a dollar-quoted string at pos, else null ($1 is a parameter). */
    private String dollarTag() {
        int i = pos + 1;
        while (i < sql.length() && (Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_'
                || (i > pos + 1 && Character.isDigit(sql.charAt(i))))) {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '$' ? sql.substring(pos, i + 1) : null;
    }

    private void dollarString(String tag) {
        int start = pos;
        int end = sql.indexOf(tag, pos + tag.length());
        if (end < 0) {
            throw new IllegalArgumentException(
                    "unterminated dollar-quoted string starting at character " + (start + 1));
        }
        pos = end + tag.length();
        tokens.add(new Token(Kind.STRING, sql.substring(start + tag.length(), end), start, pos));
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private void word() {
        int start = pos;
        while (pos < sql.length()
                && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_' || sql.charAt(pos) == '$')) {
            pos++;
        }
        tokens.add(new Token(Kind.WORD, sql.substring(start, pos).toLowerCase(Locale.ROOT), start, pos));
    }

    private void number() {
        int start = pos;
        while (pos < sql.length()
                && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_' || sql.charAt(pos) == '.')) {
            pos++;
        }
        tokens.add(new Token(Kind.NUMBER, sql.substring(start, pos), start, pos));
    }
}
