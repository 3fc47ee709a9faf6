package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.ApiKey;
import dev.observatory.model.ApiKey.Scope;
import dev.observatory.model.AuditEvent;
import dev.observatory.store.ConflictException;
import dev.observatory.store.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The audit log and API keys. */
abstract class AuditAndKeyContract extends StorageFixture {

    static final String HASH_A = "a".repeat(64);
    static final String HASH_B = "b".repeat(64);

    private AuditEvent record(String action, Instant at) {
        return storage.audit().record(new AuditEvent(0, at, "ci-key", "rest", action, "run:abc", "{\"n\":1}"));
    }

    @Test
    void recordsAuditEventsWithIncreasingIds() {
        AuditEvent first = record("run.create", at(1));
        AuditEvent second = record("run.update", at(2));

        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(first)
                .isEqualTo(new AuditEvent(first.id(), at(1), "ci-key", "rest", "run.create", "run:abc", "{\"n\":1}"));
        assertThat(storage.audit().list(Long.MAX_VALUE, 10)).containsExactly(second, first);
    }

    @Test
    void timesAnAuditEventRecordedWithoutATime() {
        Instant before = Instant.now().minusSeconds(1);

        AuditEvent event = record("run.create", null);

        assertThat(event.at()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(storage.audit().list(Long.MAX_VALUE, 1)).containsExactly(event);
    }

    @Test
    void listsAuditEventsNewestFirstAndPagesWithBeforeId() {
        for (int i = 0; i < 5; i++) {
            record("action." + i, at(i));
        }

        List<AuditEvent> newest = storage.audit().list(Long.MAX_VALUE, 2);
        List<AuditEvent> older = storage.audit().list(newest.get(1).id(), 10);

        assertThat(newest).extracting(AuditEvent::action).containsExactly("action.4", "action.3");
        assertThat(older).extracting(AuditEvent::action).containsExactly("action.2", "action.1", "action.0");
    }

    @Test
    void createsAnApiKeyAndFindsItByHash() {
        ApiKey key = storage.keys()
                .create(new ApiKey("k1", "ci", HASH_A, Set.of(Scope.READ, Scope.WRITE), at(0), null));

        assertThat(key).isEqualTo(new ApiKey("k1", "ci", HASH_A, Set.of(Scope.READ, Scope.WRITE), at(0), null));
        assertThat(storage.keys().findByHash(HASH_A)).contains(key);
        assertThat(storage.keys().findByHash(HASH_B)).isEmpty();
        assertThat(storage.keys().list()).containsExactly(key);
    }

    @Test
    void rejectsADuplicateKeyName() {
        storage.keys().create(new ApiKey("k1", "ci", HASH_A, Set.of(Scope.READ), at(0), null));

        assertThatThrownBy(() -> storage.keys().create(new ApiKey("k2", "ci", HASH_B, Set.of(Scope.READ), at(1), null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("ci");
        assertThat(storage.keys().findByHash(HASH_B)).isEmpty();
    }

    @Test
    void revokedKeysStayListedWithTheirRevocationTime() {
        storage.keys().create(new ApiKey("k1", "ci", HASH_A, Set.of(Scope.ADMIN), at(0), null));
        storage.keys().create(new ApiKey("k2", "laptop", HASH_B, Set.of(Scope.READ), at(1), null));
        Instant before = Instant.now().minusSeconds(1);

        storage.keys().revoke("ci");

        ApiKey revoked = storage.keys().findByHash(HASH_A).orElseThrow();
        assertThat(revoked.revokedAt()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(storage.keys().list()).hasSize(2).contains(revoked);
        assertThat(storage.keys().findByHash(HASH_B).orElseThrow().revokedAt()).isNull();
    }

    @Test
    void revokingAnUnknownKeyFails() {
        assertThatThrownBy(() -> storage.keys().revoke("nope")).isInstanceOf(NotFoundException.class);
    }
}
