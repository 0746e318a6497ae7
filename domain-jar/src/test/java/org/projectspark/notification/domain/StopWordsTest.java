package org.projectspark.notification.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StopWordsTest {

    @Test
    void theFirstWordDecidesInAnyCase() {
        assertThat(StopWords.asksToStop("STOP")).isTrue();
        assertThat(StopWords.asksToStop("  stop please")).isTrue();
        assertThat(StopWords.asksToStop("Acha.")).isTrue();
        assertThat(StopWords.asksToStop("arrêt")).isTrue();
        assertThat(StopWords.asksToStop("please stop")).isFalse();
        assertThat(StopWords.asksToStop("STOPPED")).isFalse();
        assertThat(StopWords.asksToStop("")).isFalse();
        assertThat(StopWords.asksToStop(null)).isFalse();
    }
}
