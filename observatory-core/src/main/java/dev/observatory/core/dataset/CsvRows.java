package dev.observatory.core.dataset;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** An RFC 4180 reader: quoted cells with doubled quotes and line breaks inside, CRLF or LF rows. */
final class CsvRows {
    private final Reader in;
    private final char delimiter;
    private int line = 1;
    private int rowLine = 1;
    private boolean done;

    CsvRows(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    /** The line where the last returned row started. */
    int line() {
        return rowLine;
    }

    /** The next row's cells, or null at the end. */
    List<String> next() throws IOException {
        if (done) {
            return null;
        }
        rowLine = line;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        while (true) {
            int c = in.read();
            if (c < 0) {
                done = true;
                if (!any && cell.isEmpty() && cells.isEmpty()) {
                    return null;
                }
                cells.add(cell.toString());
                return cells;
            }
            any = true;
            if (quoted) {
                if (c == '"') {
                    in.mark(1);
                    int d = in.read();
                    if (d == '"') {
                        cell.append('"');
                    } else {
                        quoted = false;
                        if (d >= 0) {
                            in.reset();
                        }
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append((char) c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (c == delimiter) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                line++;
                cells.add(stripCr(cell));
                return cells;
            } else {
                cell.append((char) c);
            }
        }
    }

    private static String stripCr(StringBuilder cell) {
        int n = cell.length();
        return n > 0 && cell.charAt(n - 1) == '\r' ? cell.substring(0, n - 1) : cell.toString();
    }
}
