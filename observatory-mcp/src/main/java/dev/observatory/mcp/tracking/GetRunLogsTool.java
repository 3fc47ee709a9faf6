package dev.observatory.mcp.tracking;

import static dev.observatory.mcp.tool.Schemas.array;
import static dev.observatory.mcp.tool.Schemas.bool;
import static dev.observatory.mcp.tool.Schemas.integer;
import static dev.observatory.mcp.tool.Schemas.string;

import dev.observatory.core.Cursors;
import dev.observatory.mcp.Toolsets;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Hints;
import dev.observatory.mcp.tool.InputSchema;
import dev.observatory.mcp.tool.Json;
import dev.observatory.mcp.tool.Obj;
import dev.observatory.mcp.tool.PageCursor;
import dev.observatory.mcp.tool.Param;
import dev.observatory.mcp.tool.Schemas;
import dev.observatory.mcp.tool.ToolContext;
import dev.observatory.mcp.tool.ToolDef;
import dev.observatory.model.LogLine;
import dev.observatory.store.LogQuery;
import java.util.List;
import java.util.Map;

/** get_run_logs: the tail of a run's output, filtered, paging backwards. */
final class GetRunLogsTool {
    /** Longest line text shown; longer lines are cut and marked. */
    static final int MAX_LINE = 2000;

    private GetRunLogsTool() {
    }

    static ToolDef definition() {
        InputSchema in = InputSchema.of(GetRunTool.runId(),
                Param.integer("tail", "Most lines to return: the last N matching lines (1-1000).").between(1, 1000)
                        .defaultsTo(100),
                Param.string("grep", "Only lines containing this text (case-insensitive).").between(1, 200)
                        .example("\"out of memory\""),
                Param.string("level",
                        "Minimum level: ERROR, WARN, INFO or DEBUG (lines without a level count as" + " INFO).")
                        .oneOf(List.of("ERROR", "WARN", "INFO", "DEBUG")).example("\"ERROR\""),
                Param.string("stream", "Only this stream, e.g. stdout or stderr.").between(1, 50),
                Param.integer("before_seq", "Only lines before this sequence number (to page backwards).").between(1,
                        Long.MAX_VALUE),
                PageCursor.param());
        Map<String, Object> out = Schemas.paged(Schemas
                .object("log lines, oldest first").prop("run_id", string(null), true).prop(
                        "lines", array(
                                Schemas.object("one log line").prop("seq", integer("sequence number"), true)
                                        .prop("at", string("ISO-8601")).prop("stream", string(null))
                                        .prop("level", string(null)).prop("text", string(null), true)
                                        .prop("text_truncated",
                                                bool("the line was longer than " + MAX_LINE + " characters"))
                                        .build(),
                                "matching lines"),
                        true)
                .prop("total_lines", integer("lines the run printed in all"), true)
                .prop("next_before_seq", integer("pass as before_seq to read older lines; absent at the start"))
                .prop("url", string("logs in the web UI"))).build();
        return new ToolDef("get_run_logs", Toolsets.CORE, "Get run logs",
                "Read what a run printed: the last lines (tail), optionally only lines containing a text (grep), at"
                        + " or above a level, or of one stream; page to older lines with next_cursor or before_seq."
                        + " Use it to find why a run failed or crashed (tracebacks, out-of-memory, NaN warnings) or"
                        + " what it is doing now.",
                in, out, Hints.READ_ONLY, GetRunLogsTool::handle);
    }

    static Map<String, Object> handle(Args args, ToolContext ctx) {
        String runId = args.string("run_id");
        String fp = args.fingerprint("cursor", "before_seq");
        long before = args.string("cursor") != null ? Cursors.decode(args.string("cursor"), fp, ctx.nowEpochSeconds())
                : args.longValue("before_seq") != null ? args.longValue("before_seq") : Long.MAX_VALUE;
        int tail = args.intValue("tail");
        List<LogLine> lines = ctx.tracking().logs(runId,
                new LogQuery(args.string("grep"), args.string("level"), args.string("stream"), before, tail));
        List<Obj> newestFirst = lines.reversed().stream().map(GetRunLogsTool::line).toList();
        Obj base = Obj.of().with("run_id", runId).with("total_lines", 0L).with("url", ctx.links().runLogs(runId));
        int n = ctx.budget().fit(base, newestFirst);
        List<Obj> kept = newestFirst.subList(0, n).reversed();
        boolean olderExist = !kept.isEmpty() && (n < lines.size() || lines.size() == tail);
        Long nextBefore = olderExist ? (Long) kept.getFirst().get("seq") : null;
        return Obj.of().with("run_id", runId).with("lines", kept)
                .with("total_lines", ctx.tracking().store().logs().lineCount(runId)).with("truncated", n < lines.size())
                .with("next_before_seq", nextBefore)
                .with("next_cursor", nextBefore == null ? null : Cursors.encode(nextBefore, fp, ctx.nowEpochSeconds()))
                .with("url", base.get("url"));
    }

    static Obj line(LogLine l) {
        String text = l.text();
        boolean cut = text.length() > MAX_LINE;
        return Obj.of().with("seq", l.seq()).with("at", Json.time(l.at())).with("stream", l.stream())
                .with("level", l.level()).with("text", cut ? text.substring(0, MAX_LINE) : text)
                .with("text_truncated", cut ? Boolean.TRUE : null);
    }
}
