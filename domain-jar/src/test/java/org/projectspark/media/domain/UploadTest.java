package org.projectspark.media.domain;

import org.junit.jupiter.api.Test;
import org.projectspark.platform.error.ConflictException;
import org.projectspark.platform.error.GoneException;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UploadTest {

    private final Upload upload = new Upload(UUID.randomUUID(), FilePurpose.ASSIGNMENT, "a.pdf", 100, Duration.ofHours(24));
    private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

    @Test
    void appendsOnlyAtTheOffsetTheServerHolds() {
        assertThatCode(() -> upload.checkAppendAt(0, now)).doesNotThrowAnyException();
        assertThatThrownBy(() -> upload.checkAppendAt(10, now)).isInstanceOf(ConflictException.class).hasMessageContaining("holds 0");
    }

    @Test
    void anExpiredUploadIsGone() {
        assertThatThrownBy(() -> upload.checkAppendAt(0, now.plusHours(25))).isInstanceOf(GoneException.class);
    }

    @Test
    void aFinishedUploadTakesNoMore() {
        upload.completedAs(UUID.randomUUID());
        assertThatThrownBy(() -> upload.checkAppendAt(0, now)).isInstanceOf(ConflictException.class);
    }
}
