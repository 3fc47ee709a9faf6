package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.artifact.EntityKind;
import dev.observatory.model.artifact.EntityRef;
import dev.observatory.model.artifact.LineageEdge;
import dev.observatory.store.LineageStore;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lineage graph: idempotent edges, reads of both directions, removal. */
abstract class LineageContract extends StorageFixture {

    static final EntityRef RUN = EntityRef.of(EntityKind.RUN, "r1");
    static final EntityRef JOB = EntityRef.of(EntityKind.JOB, "slurm/4711");
    static final EntityRef CKPT = EntityRef.of(EntityKind.ARTIFACT, "a1");
    static final EntityRef CKPT2 = EntityRef.of(EntityKind.ARTIFACT, "a2");
    static final EntityRef VERSION = EntityRef.of(EntityKind.MODEL_VERSION, "v1");

    LineageStore lineage;

    @BeforeEach
    void lineage() {
        lineage = storage.lineage();
    }

    LineageEdge edge(EntityRef from, String relation, EntityRef to, long second) {
        return new LineageEdge(from, to, relation, at(second), LineageEdge.Source.INGEST);
    }

    @Test
    void linksAreIdempotentAndReadFromEitherEnd() {
        assertThat(lineage.link(edge(JOB, LineageEdge.PRODUCED, RUN, 1))).isTrue();
        assertThat(lineage.link(edge(JOB, LineageEdge.PRODUCED, RUN, 2))).isFalse();
        lineage.link(edge(CKPT, LineageEdge.LOGGED_BY, RUN, 3));
        lineage.link(new LineageEdge(VERSION, CKPT, LineageEdge.DERIVED_FROM, at(4), LineageEdge.Source.EXPLICIT));

        List<LineageEdge> ofRun = lineage.edgesOf(List.of(RUN), 100);
        assertThat(ofRun).extracting(e -> e.from().key() + " " + e.relation() + " " + e.to().key())
                .containsExactly("job/slurm/4711 produced run/r1", "artifact/a1 logged_by run/r1");
        assertThat(ofRun.get(0).created()).isEqualTo(at(1));
        assertThat(ofRun.get(0).source()).isEqualTo(LineageEdge.Source.INGEST);
        assertThat(lineage.edgesOf(List.of(CKPT), 100)).extracting(LineageEdge::relation).containsExactly("logged_by",
                "derived_from");
        assertThat(lineage.edgesOf(List.of(VERSION), 100).get(0).source()).isEqualTo(LineageEdge.Source.EXPLICIT);
        assertThat(lineage.edgesOf(List.of(EntityRef.of(EntityKind.TRACE, "t")), 100)).isEmpty();
        assertThat(lineage.edgesOf(List.of(), 100)).isEmpty();
    }

    @Test
    void anEdgeBetweenTwoAskedNodesComesOnceAndTheLimitHolds() {
        lineage.link(edge(CKPT, LineageEdge.LOGGED_BY, RUN, 1));
        lineage.link(edge(CKPT2, LineageEdge.LOGGED_BY, RUN, 2));
        lineage.link(edge(JOB, LineageEdge.PRODUCED, RUN, 3));

        assertThat(lineage.edgesOf(List.of(RUN, CKPT, CKPT2, JOB), 100)).hasSize(3);
        assertThat(lineage.edgesOf(Set.of(RUN, CKPT), 2)).extracting(e -> e.from()).containsExactly(CKPT, CKPT2);
    }

    @Test
    void unlinksOneEdgeOrEveryEdgeOfANode() {
        lineage.link(edge(CKPT, LineageEdge.LOGGED_BY, RUN, 1));
        lineage.link(edge(CKPT2, LineageEdge.LOGGED_BY, RUN, 2));
        lineage.link(edge(VERSION, LineageEdge.DERIVED_FROM, CKPT, 3));

        assertThat(lineage.unlink(CKPT2, LineageEdge.LOGGED_BY, RUN)).isTrue();
        assertThat(lineage.unlink(CKPT2, LineageEdge.LOGGED_BY, RUN)).isFalse();
        assertThat(lineage.unlinkAll(CKPT)).isEqualTo(2);
        assertThat(lineage.edgesOf(List.of(RUN, VERSION, CKPT, CKPT2), 100)).isEmpty();
    }

    @Test
    void readsTheEdgesOfManyNodesAtOnce() {
        List<EntityRef> ckpts = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            EntityRef c = EntityRef.of(EntityKind.ARTIFACT, "c" + i);
            ckpts.add(c);
            lineage.link(edge(c, LineageEdge.LOGGED_BY, RUN, i));
        }
        assertThat(lineage.edgesOf(ckpts, 1000)).hasSize(300);
        assertThat(lineage.edgesOf(List.of(RUN), 1000)).hasSize(300);
    }

    @Test
    void readsFollowLinksAndUnlinksMadeAfterAnEarlierRead() {
        lineage.link(edge(CKPT, LineageEdge.LOGGED_BY, RUN, 1));
        assertThat(lineage.edgesOf(List.of(RUN), 100)).hasSize(1);

        lineage.link(edge(CKPT2, LineageEdge.LOGGED_BY, RUN, 2));
        lineage.link(edge(VERSION, LineageEdge.DERIVED_FROM, CKPT, 3));
        assertThat(lineage.link(edge(VERSION, LineageEdge.DERIVED_FROM, CKPT, 4))).isFalse();
        assertThat(lineage.edgesOf(List.of(RUN, CKPT), 100)).extracting(e -> e.from().id()).containsExactly("a1", "a2",
                "v1");
        assertThat(lineage.edgesOf(List.of(VERSION), 100).get(0).created()).isEqualTo(at(3));

        lineage.unlink(CKPT2, LineageEdge.LOGGED_BY, RUN);
        assertThat(lineage.edgesOf(List.of(RUN), 100)).extracting(e -> e.from()).containsExactly(CKPT);
        lineage.unlinkAll(CKPT);
        assertThat(lineage.edgesOf(List.of(RUN, VERSION, CKPT, CKPT2), 100)).isEmpty();
        assertThat(lineage.link(edge(CKPT, LineageEdge.LOGGED_BY, RUN, 5))).isTrue();
        assertThat(lineage.edgesOf(List.of(VERSION, RUN), 100)).extracting(LineageEdge::created).containsExactly(at(5));
    }
}
