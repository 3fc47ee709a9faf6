package dev.observatory.core.analysis;

import dev.observatory.model.Run;

/** The run an answer is about: id, name, project and status (lower-case wire name). */
public record RunRef(String id, String name, String project, String status) {
    static RunRef of(Run r) {
        return new RunRef(r.id(), r.name(), r.project(), r.status().wire());
    }
}
