package dev.observatory.store;

import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.RunPatch;
import java.util.List;
import java.util.Optional;

/** Runs. Run names are unique within a project (ConflictException). */
public interface RunStore {

    /**
     * Creates a run with a new id. The project must exist (NotFoundException); the caller (core) creates it first when
     * its surface allows implicit projects. A null name is replaced by a generated one ("run-" + first 8 id chars).
     */
    Run create(NewRun run);

    Optional<Run> get(String id);

    /** Applies the patch (see RunPatch); NotFoundException for an unknown id. Returns the updated run. */
    Run update(String id, RunPatch patch);

    /**
     * A page of runs matching the query, sorted; total order is made stable by id as the last sort key. The returned
     * page's {@code nextCursor} is null; cursors are encoded by the caller from offset+limit.
     */
    List<Run> list(RunQuery query);

    /** Number of runs matching the query's filters (ignores sort/limit/offset). */
    long count(RunQuery query);

    /** Runs whose name or any tag contains the text (case-insensitive), newest first, at most limit. */
    List<Run> search(String text, int limit);
}
