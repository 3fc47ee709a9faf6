package dev.observatory.core.query;

import dev.observatory.model.query.SqlColumn;
import dev.observatory.model.query.SqlTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;

/** The committed meanings of tables and columns and the example queries (schema.properties next to this class). */
final class SchemaGuide {

    private static final Properties TEXT = load();

    private SchemaGuide() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = SchemaGuide.class.getResourceAsStream("schema.properties")) {
            if (in == null) {
                throw new IllegalStateException("schema.properties is missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static SchemaDescription.Table table(SqlTable t) {
        List<SchemaDescription.Column> columns = new ArrayList<>();
        for (SqlColumn c : t.columns()) {
            columns.add(new SchemaDescription.Column(c.name(), c.type(),
                    TEXT.getProperty("column." + t.name() + "." + c.name(), "")));
        }
        return new SchemaDescription.Table(t.name(), TEXT.getProperty("table." + t.name(), ""), columns);
    }

    /** The examples valid on this backend ("any" plus the backend's own), in their numbered order. */
    static List<SchemaDescription.Example> examples(String backend) {
        TreeMap<Integer, SchemaDescription.Example> byNumber = new TreeMap<>();
        for (String key : TEXT.stringPropertyNames()) {
            String[] parts = key.split("\\.");
            if (parts.length == 4 && parts[0].equals("example") && parts[3].equals("sql")
                    && (parts[1].equals("any") || parts[1].equals(backend))) {
                String prefix = "example." + parts[1] + "." + parts[2];
                byNumber.put(Integer.parseInt(parts[2]), new SchemaDescription.Example(
                        TEXT.getProperty(prefix + ".question", ""), TEXT.getProperty(key)));
            }
        }
        return List.copyOf(byNumber.values());
    }
}
