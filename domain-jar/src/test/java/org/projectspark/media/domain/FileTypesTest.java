package org.projectspark.media.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileTypesTest {

    @Test
    void theDefaultTypesAreRecognisedByContentType() {
        FileTypes types = FileTypes.parse("ALLOWED_FILE_TYPES", "jpg,jpeg,png,pdf,doc,docx");
        assertThat(types.allows("image/jpeg")).isTrue();
        assertThat(types.allows("application/vnd.openxmlformats-officedocument.wordprocessingml.document")).isTrue();
        assertThat(types.allows("text/x-php")).isFalse();
        assertThat(types.allows("audio/mpeg")).isFalse();
        assertThat(types.and(FileTypes.parse("X", "mp3, .MP4")).allows("audio/mpeg")).isTrue();
    }

    @Test
    void anExtensionTheDetectorCannotTellIsRefused() {
        assertThatThrownBy(() -> FileTypes.parse("ALLOWED_FILE_TYPES", "jpg,exe")).hasMessageContaining("exe").hasMessageContaining("ALLOWED_FILE_TYPES");
    }
}
