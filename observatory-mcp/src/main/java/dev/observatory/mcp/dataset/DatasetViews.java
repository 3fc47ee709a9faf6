package dev.observatory.mcp.dataset;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.mapOf;
import static dev.observatory.mcp.tool.Schemas.number;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.dataset.ImageReport;
import dev.observatory.core.dataset.LengthStats;
import dev.observatory.core.dataset.TextReport;
import dev.observatory.core.dataset.Violation;
import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.model.dataset.Dataset;
import dev.observatory.model.dataset.TrainingConfig;
import java.util.List;
import java.util.Map;

/** JSON views and schemas of configs, datasets and diagnoses. */
final class DatasetViews {
    static final Map<String, Object> VIOLATION = Schemas.object("one problem")
            .prop("path", string("JSON path of the value, e.g. $.training.learning_rate"), true)
            .prop("message", string(null), true).prop("keyword", string("schema keyword that failed, or parse"), true)
            .build();
    static final Map<String, Object> CONFIG = Schemas.object("a saved config version").prop("name", string(null), true)
            .prop("version", integer(null), true).prop("template", string(null), true)
            .prop("format", string("yaml or json"), true).prop("description", string(null))
            .prop("created", string("ISO-8601"), true)
            .prop("content", string("the config text (get_config; omitted in lists)")).build();
    static final Map<String, Object> DATASET = Schemas.object("a registered dataset").prop("name", string(null), true)
            .prop("path", string("absolute folder"), true).prop("kind", string("image, text, mixed or empty"), true)
            .prop("source", string("directory or archive"), true).prop("description", string(null))
            .prop("metadata", Schemas.anyObject("files, images, text_files, bytes at registration"), true)
            .prop("created", string("ISO-8601"), true).build();
    static final Map<String, Object> LENGTHS = Schemas.object("length statistics").prop("count", integer(null), true)
            .prop("min", integer(null), true).prop("max", integer(null), true).prop("mean", number(null), true)
            .prop("p50", integer(null), true).prop("p95", integer(null), true).build();
    static final Map<String, Object> COUNTS = mapOf(integer(null), "counts by key");

    private DatasetViews() {
    }

    static Obj violation(Violation v) {
        return Obj.of().with("path", v.path()).with("message", v.message()).with("keyword", v.keyword());
    }

    static Obj config(TrainingConfig c, boolean withContent) {
        return Obj.of().with("name", c.name()).with("version", c.version()).with("template", c.template())
                .with("format", c.format()).with("description", c.description()).with("created", Json.time(c.created()))
                .with("content", withContent ? c.content() : null);
    }

    static Obj dataset(Dataset d) {
        return Obj.of().with("name", d.name()).with("path", d.path()).with("kind", d.kind()).with("source", d.source())
                .with("description", d.description()).with("metadata", d.metadata())
                .with("created", Json.time(d.created()));
    }

    static Obj lengths(LengthStats s) {
        return Obj.of().with("count", s.count()).with("min", s.min()).with("max", s.max()).with("mean", s.mean())
                .with("p50", s.p50()).with("p95", s.p95());
    }

    static Map<String, Object> imageSchema() {
        Map<String, Object> problem = Schemas.object("a broken file").prop("path", string(null), true)
                .prop("problem", string("truncated: ... or corrupt: ..."), true).build();
        return Schemas.object("image findings (lists cut to max_examples; counts are exact)")
                .prop("images", integer(null), true).prop("bytes", integer(null), true).prop("formats", COUNTS, true)
                .prop("corrupt_count", integer(null), true).prop("corrupt", array(problem, "broken images"), true)
                .prop("missing_captions_count", integer(null), true)
                .prop("missing_captions", array(string(null), "images without caption file"), true)
                .prop("empty_captions_count", integer(null), true)
                .prop("empty_captions", array(string(null), "images with a blank caption"), true)
                .prop("duplicate_files", integer("files repeating another's bytes"), true)
                .prop("duplicate_groups", array(array(string(null), "identical files, first kept"), null), true)
                .prop("resolutions", mapOf(integer(null), "shorter side histogram"), true)
                .prop("aspect_ratios", mapOf(integer(null), "width/height histogram"), true)
                .prop("top_resolutions", COUNTS, true).prop("caption_chars", LENGTHS, true)
                .prop("caption_words", LENGTHS, true).build();
    }

    static Obj images(ImageReport r, int max) {
        return Obj.of().with("images", r.images()).with("bytes", r.bytes()).with("formats", r.formats())
                .with("corrupt_count", r.corrupt().size())
                .with("corrupt",
                        r.corrupt().stream().limit(max)
                                .map(p -> Obj.of().with("path", p.path()).with("problem", p.problem())).toList())
                .with("missing_captions_count", r.missingCaptions().size())
                .with("missing_captions", first(r.missingCaptions(), max))
                .with("empty_captions_count", r.emptyCaptions().size())
                .with("empty_captions", first(r.emptyCaptions(), max)).with("duplicate_files", r.duplicateFiles())
                .with("duplicate_groups", first(r.duplicateGroups(), max)).with("resolutions", r.resolutions())
                .with("aspect_ratios", r.aspectRatios()).with("top_resolutions", r.topResolutions())
                .with("caption_chars", lengths(r.captionChars())).with("caption_words", lengths(r.captionWords()));
    }

    static Map<String, Object> textSchema() {
        Map<String, Object> field = Schemas.object("an inferred field").prop("name", string(null), true)
                .prop("types", COUNTS, true).prop("present", integer("rows holding it"), true).build();
        return Schemas.object("JSONL/CSV/TSV findings").prop("files", integer(null), true)
                .prop("rows", integer(null), true).prop("unparsable", integer(null), true)
                .prop("empty_rows", integer(null), true).prop("duplicate_rows", integer(null), true)
                .prop("fields", array(field, "schema in first-seen order"), true)
                .prop("text_field", string("field whose lengths are given")).prop("text_chars", LENGTHS, true)
                .prop("label_field", string("field whose balance is given")).prop("labels", COUNTS, true)
                .prop("distinct_labels", integer(null), true)
                .prop("imbalance", number("most / least common label count"))
                .prop("examples", array(string(null), "first problems, file:line: what"), true).build();
    }

    static Obj text(TextReport t) {
        return Obj.of().with("files", t.files()).with("rows", t.rows()).with("unparsable", t.unparsable())
                .with("empty_rows", t.emptyRows()).with("duplicate_rows", t.duplicateRows())
                .with("fields", t.fields().stream()
                        .map(f -> Obj.of().with("name", f.name()).with("types", f.types()).with("present", f.present()))
                        .toList())
                .with("text_field", t.textField()).with("text_chars", lengths(t.textChars()))
                .with("label_field", t.labelField()).with("labels", t.labels())
                .with("distinct_labels", t.distinctLabels()).with("imbalance", t.imbalance())
                .with("examples", t.examples());
    }

    static <T> List<T> first(List<T> list, int max) {
        return list.size() <= max ? list : list.subList(0, max);
    }
}
