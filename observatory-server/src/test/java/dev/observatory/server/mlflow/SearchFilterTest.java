package dev.observatory.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.server.mlflow.SearchFilter.Clause;
import dev.observatory.server.mlflow.SearchFilter.Entity;
import dev.observatory.server.mlflow.SearchFilter.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchFilterTest {

    private static boolean matches(List<Clause> clauses, Map<Entity, Object> row) {
        return clauses.stream().allMatch(c -> c.matches(row::get));
    }

    @Test
    void parsesTheIssueExampleIntoFourClauses() {
        List<Clause> c = SearchFilter.parseRunFilter("metrics.loss < 0.5 and params.lr = '0.01' and tags.team "
                + "LIKE 'ml%' and attributes.status = 'FINISHED'");

        assertThat(c).containsExactly(new Clause(new Entity(Type.METRIC, "loss"), "<", 0.5),
                new Clause(new Entity(Type.PARAM, "lr"), "=", "0.01"),
                new Clause(new Entity(Type.TAG, "team"), "LIKE", "ml%"),
                new Clause(new Entity(Type.ATTRIBUTE, "status"), "=", "FINISHED"));
    }

    @Test
    void acceptsQuotedKeysSingularPrefixesBareAttributesAndLists() {
        List<Clause> c = SearchFilter.parseRunFilter("metric.`val loss` >= -1e-3 AND tag.\"a b\" ILIKE '%X_' and "
                + "run_id IN ('a', 'b') and start_time > 5 and params.`x.y` IS NOT NULL");

        assertThat(c).extracting(Clause::entity).containsExactly(new Entity(Type.METRIC, "val loss"),
                new Entity(Type.TAG, "a b"), new Entity(Type.ATTRIBUTE, "run_id"),
                new Entity(Type.ATTRIBUTE, "start_time"), new Entity(Type.PARAM, "x.y"));
        assertThat(c.get(0).value()).isEqualTo(-1e-3);
        assertThat(c.get(2).value()).isEqualTo(List.of("a", "b"));
    }

    @Test
    void matchesLikeCaseSensitivelyAndIlikeNot() {
        Entity team = new Entity(Type.TAG, "team");
        List<Clause> like = SearchFilter.parseRunFilter("tags.team LIKE 'ml%'");
        List<Clause> ilike = SearchFilter.parseRunFilter("tags.team ILIKE 'ML_r%'");

        assertThat(matches(like, Map.of(team, "ml-research"))).isTrue();
        assertThat(matches(like, Map.of(team, "ML-research"))).isFalse();
        assertThat(matches(ilike, Map.of(team, "ml-research"))).isTrue();
        assertThat(matches(like, Map.of())).as("a run without the tag").isFalse();
    }

    @Test
    void comparesMetricsAsNumbersAndMissingMetricsNeverMatch() {
        Entity loss = new Entity(Type.METRIC, "loss");
        List<Clause> c = SearchFilter.parseRunFilter("metrics.loss <= 0.5");

        assertThat(matches(c, Map.of(loss, 0.5))).isTrue();
        assertThat(matches(c, Map.of(loss, 10.0))).isFalse();
        assertThat(matches(c, Map.of(loss, Double.NaN))).isFalse();
        assertThat(matches(c, Map.of())).isFalse();
    }

    @Test
    void errorsNameThePositionOfTheProblem() {
        assertThatThrownBy(() -> SearchFilter.parseRunFilter("metrics.loss < 0.5 or params.lr = '1'"))
                .isInstanceOf(MlflowException.class).hasMessageContaining("position 19").hasMessageContaining("AND");
        assertThatThrownBy(() -> SearchFilter.parseRunFilter("metrics.loss < 'low'"))
                .hasMessageContaining("position 15").hasMessageContaining("number");
        assertThatThrownBy(() -> SearchFilter.parseRunFilter("metrics.loss LIKE 'x'"))
                .hasMessageContaining("position 13");
        assertThatThrownBy(() -> SearchFilter.parseRunFilter("foo.bar = 'x'")).hasMessageContaining("position 0");
        assertThatThrownBy(() -> SearchFilter.parseRunFilter("params.lr = 'x")).hasMessageContaining("position 12")
                .hasMessageContaining("unterminated");
        assertThatThrownBy(() -> SearchFilter.parseRunFilter("tags.t = ")).hasMessageContaining("position 9");
    }
}
