package io.ticketing.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of measured values, shared by the benchmarks. */
final class Percentiles {

    private Percentiles() {
    }

    /** The p-th percentile (nearest rank); {@code empty} when there are no values. */
    static <T extends Comparable<? super T>> T of(List<T> values, int p, T empty) {
        List<T> sorted = new ArrayList<>(values);
        if (sorted.isEmpty()) {
            return empty;
        }
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
