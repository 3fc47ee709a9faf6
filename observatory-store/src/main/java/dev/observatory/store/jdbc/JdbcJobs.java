package dev.observatory.store.jdbc;

import static dev.observatory.store.jdbc.JdbcRows.bigint;
import static dev.observatory.store.jdbc.JdbcRows.query;

import dev.observatory.model.Ids;
import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobEvent;
import dev.observatory.model.job.JobQuery;
import dev.observatory.model.job.JobStatus;
import dev.observatory.model.job.JobUpdate;
import dev.observatory.model.job.NewJob;
import dev.observatory.store.JobStore;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.internal.JobJson;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Jobs over JDBC (tables {@code jobs} and {@code job_events}, duckdb/V12.sql + V16.sql and postgres/V9.sql + V13.sql),
 * both backends.
 */
final class JdbcJobs implements JobStore {
    private static final String COLUMNS = "id, project, run_id, name, spec_json, status, pid, process_start_ms, "
            + "exit_code, created_ms, started_ms, ended_ms, failure, error_signature, guardrail_json, log_path, config_name, "
            + "config_version";

    private final JdbcTx tx;

    JdbcJobs(JdbcTx tx) {
        this.tx = tx;
    }

    @Override
    public Job create(NewJob n) {
        return tx.write(c -> {
            if (query(c, "SELECT id FROM runs WHERE id = ?", List.of(n.runId()), rs -> rs.getString(1)).isEmpty()) {
                throw new NotFoundException("run " + n.runId() + " does not exist");
            }
            String id = Ids.newId();
            JdbcRows.update(c,
                    "INSERT INTO jobs (id, project, run_id, name, spec_json, status, created_ms, config_name, "
                            + "config_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS INTEGER))",
                    id, n.project(), n.runId(), n.name(), JobJson.spec(n.spec()), JobStatus.PENDING.wire(), tx.nowMs(),
                    n.configName(), n.configVersion() == null ? null : (long) n.configVersion());
            return get(c, id).orElseThrow();
        });
    }

    @Override
    public Optional<Job> get(String id) {
        return tx.read(c -> get(c, id));
    }

    private static Optional<Job> get(Connection c, String id) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM jobs WHERE id = ?", List.of(id), JdbcJobs::map).stream()
                .findFirst();
    }

    @Override
    public List<Job> list(JobQuery q) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT " + COLUMNS + " FROM jobs" + where(q, args) + " ORDER BY created_ms DESC, "
                + tx.byCodePoint("id") + " DESC LIMIT " + q.limit() + " OFFSET " + q.offset();
        return tx.read(c -> query(c, sql, args, JdbcJobs::map));
    }

    @Override
    public long count(JobQuery q) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT count(*) FROM jobs" + where(q, args);
        return tx.read(c -> query(c, sql, args, rs -> rs.getLong(1)).get(0));
    }

    private static String where(JobQuery q, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (q.project() != null) {
            conditions.add("project = ?");
            args.add(q.project());
        }
        if (q.runId() != null) {
            conditions.add("run_id = ?");
            args.add(q.runId());
        }
        if (!q.statuses().isEmpty()) {
            conditions.add("status IN " + JdbcRows.placeholders(q.statuses().size()));
            q.statuses().stream().map(JobStatus::wire).sorted().forEach(args::add);
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    @Override
    public Job update(String id, JobUpdate u) {
        List<String> sets = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        set(sets, args, "status", u.status() == null ? null : u.status().wire());
        set(sets, args, "pid", u.pid() == null ? null : bigint(u.pid()));
        set(sets, args, "process_start_ms", u.processStart() == null ? null : u.processStart().toEpochMilli());
        set(sets, args, "exit_code", u.exitCode() == null ? null : (long) u.exitCode());
        set(sets, args, "started_ms", u.startedAt() == null ? null : u.startedAt().toEpochMilli());
        set(sets, args, "ended_ms", u.endedAt() == null ? null : u.endedAt().toEpochMilli());
        set(sets, args, "failure", u.failure());
        set(sets, args, "error_signature", u.errorSignature());
        set(sets, args, "guardrail_json", JobJson.guardrail(u.guardrail()));
        set(sets, args, "log_path", u.logPath());
        return tx.write(c -> {
            if (get(c, id).isEmpty()) {
                throw new NotFoundException("no job with id " + id);
            }
            if (!sets.isEmpty()) {
                args.add(id);
                JdbcRows.update(c, "UPDATE jobs SET " + String.join(", ", sets) + " WHERE id = ?", args.toArray());
            }
            return get(c, id).orElseThrow();
        });
    }

    private static void set(List<String> sets, List<Object> args, String column, Object value) {
        if (value != null) {
            sets.add(column + " = ?");
            args.add(value);
        }
    }

    @Override
    public void addEvent(JobEvent e) {
        tx.write(c -> {
            if (get(c, e.jobId()).isEmpty()) {
                throw new NotFoundException("no job with id " + e.jobId());
            }
            if (tx.postgres()) {
                JdbcRows.update(c,
                        "INSERT INTO job_events (job_id, at_ms, kind, severity, message) VALUES (?, ?, ?, ?, ?)",
                        e.jobId(), e.at().toEpochMilli(), e.kind(), e.severity(), e.message());
            } else {
                JdbcRows.update(c,
                        "INSERT INTO job_events (job_id, seq, at_ms, kind, severity, message) SELECT ?, "
                                + "coalesce(max(seq), 0) + 1, ?, ?, ?, ? FROM job_events WHERE job_id = ?",
                        e.jobId(), e.at().toEpochMilli(), e.kind(), e.severity(), e.message(), e.jobId());
            }
            return null;
        });
    }

    @Override
    public List<JobEvent> events(String jobId, int limit) {
        String sql = "SELECT job_id, at_ms, kind, severity, message FROM (SELECT * FROM job_events WHERE job_id = ?"
                + " ORDER BY seq DESC LIMIT " + Math.max(1, limit) + ") newest ORDER BY seq";
        return tx.read(c -> query(c, sql, List.of(jobId),
                rs -> new JobEvent(rs.getString("job_id"), Instant.ofEpochMilli(rs.getLong("at_ms")),
                        rs.getString("kind"), rs.getString("severity"), rs.getString("message"))));
    }

    private static Job map(ResultSet rs) throws SQLException {
        Long exit = JdbcRows.nullableLong(rs, "exit_code");
        Long configVersion = JdbcRows.nullableLong(rs, "config_version");
        return new Job(rs.getString("id"), rs.getString("project"), rs.getString("run_id"), rs.getString("name"),
                JobJson.spec(rs.getString("spec_json")), JobStatus.parse(rs.getString("status")),
                JdbcRows.nullableLong(rs, "pid"), instant(rs, "process_start_ms"),
                exit == null ? null : exit.intValue(), Instant.ofEpochMilli(rs.getLong("created_ms")),
                instant(rs, "started_ms"), instant(rs, "ended_ms"), rs.getString("failure"),
                rs.getString("error_signature"), JobJson.guardrail(rs.getString("guardrail_json")),
                rs.getString("log_path"), rs.getString("config_name"),
                configVersion == null ? null : configVersion.intValue());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Long ms = JdbcRows.nullableLong(rs, column);
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }
}
