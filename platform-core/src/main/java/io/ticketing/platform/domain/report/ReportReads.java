package io.ticketing.platform.domain.report;

import java.util.function.Function;

/**
 * Read-only transactions for reports on the current tenant's schema: on the read replica when one is configured
 * and answers, else on the primary. One transaction per report, REPEATABLE READ, so its summary and its detail
 * lines see the same snapshot and always add up. The work is told where it reads.
 */
public interface ReportReads {

    <T> T read(Function<ReadSource, T> work);
}
