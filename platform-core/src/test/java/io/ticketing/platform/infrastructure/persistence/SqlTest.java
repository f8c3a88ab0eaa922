package io.ticketing.platform.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.platform.domain.shared.ConstraintViolationException;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.shared.PlatformDataException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What the database's refusals become: the caller's mistakes are 4xx problems, only real trouble a 503. */
class SqlTest {

    @Test
    void aValueTooLongForItsColumnIsTheCallersMistakeWithTheLimit() {
        RuntimeException e = Sql.translate(new SQLException("ERROR: value too long for type character varying(200)", "22001"));
        assertThat(e).isInstanceOf(InvalidFieldException.class).isNotInstanceOf(PlatformDataException.class);
        assertThat(e.getMessage()).contains("at most 200 characters");
    }

    @Test
    void constraintsAndOutagesKeepTheirMeaning() {
        assertThat(Sql.translate(new SQLException("duplicate", "23505"))).isInstanceOf(ConstraintViolationException.class);
        assertThat(Sql.translate(new SQLException("check", "23514"))).isInstanceOf(ConstraintViolationException.class);
        assertThat(Sql.translate(new SQLException("connection refused", "08001"))).isExactlyInstanceOf(PlatformDataException.class);
    }
}
