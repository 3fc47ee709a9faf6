package dev.observatory.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The span writer's filter of appended keys: no false "unseen" within what it covers, bounded memory. */
class SpanKeyHashesTest {

    static long key(int i) {
        return SpanKeyHashes.hash(String.format("%032x", i), String.format("%016x", i + 7));
    }

    @Test
    void everyAddedKeyMayBeContainedAndOthersMostlyNot() {
        SpanKeyHashes h = new SpanKeyHashes(1 << 16, 100);
        for (int i = 0; i < 50_000; i++) {
            h.add(key(i), 200);
        }
        for (int i = 0; i < 50_000; i++) {
            assertThat(h.mayContain(key(i))).isTrue();
        }
        long falseHits = 0;
        for (int i = 50_000; i < 100_000; i++) {
            falseHits += h.mayContain(key(i)) ? 1 : 0;
        }
        assertThat(falseHits).isZero();
        assertThat(h.coveredAfter()).isEqualTo(100);
    }

    @Test
    void aFullGenerationRotatesAndTheBoundaryMovesToWhereTheKeptGenerationBegan() {
        int cap = 1 << 12;
        SpanKeyHashes h = new SpanKeyHashes(cap, 100);
        for (int i = 0; i < cap; i++) {
            h.add(key(i), 1_000 + i); // generation 1, began at 100
        }
        h.add(key(cap), 5_000); // generation 2 begins: latest start 5,000
        assertThat(h.coveredAfter()).isEqualTo(100); // both generations kept: still everything since 100
        assertThat(h.mayContain(key(0))).isTrue();
        for (int i = cap + 1; i < 2 * cap; i++) {
            h.add(key(i), 6_000);
        }
        h.add(key(2 * cap), 7_000); // generation 3 begins; generation 1 is dropped
        assertThat(h.coveredAfter()).isEqualTo(5_000);
        assertThat(h.mayContain(key(0))).isFalse();
        assertThat(h.mayContain(key(cap))).isTrue();
        assertThat(h.mayContain(key(2 * cap))).isTrue();
    }

    @Test
    void theHashIsNeverTheEmptySlotAndTheCapacityIsAPowerOfTwo() {
        assertThat(key(0)).isNotZero();
        assertThatThrownBy(() -> new SpanKeyHashes(5000, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
