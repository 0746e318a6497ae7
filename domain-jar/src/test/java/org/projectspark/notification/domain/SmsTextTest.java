package org.projectspark.notification.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmsTextTest {

    @Test
    void aShortGsmTextIsKept() {
        assertThat(SmsText.oneSegment("Message from Mr Otieno: bring water tomorrow")).isEqualTo("Message from Mr Otieno: bring water tomorrow");
    }

    @Test
    void gsmTextIsCutTo160WithThreeDots() {
        String cut = SmsText.oneSegment("a".repeat(300));
        assertThat(SmsText.isGsm7(cut)).isTrue();
        assertThat(SmsText.length(cut)).isEqualTo(160);
        assertThat(cut).endsWith("...");
    }

    @Test
    void extensionCharactersCountTwice() {
        assertThat(SmsText.length("€[]")).isEqualTo(6);
        String cut = SmsText.oneSegment("€".repeat(100));
        assertThat(SmsText.length(cut)).isLessThanOrEqualTo(160);
        assertThat(cut).startsWith("€€").endsWith("...");
    }

    @Test
    void aCharacterOutsideGsmMakesItUcs2Of70() {
        String text = "Ujumbe kutoka kwa Mwalimu ✓ " + "x".repeat(100);
        String cut = SmsText.oneSegment(text);
        assertThat(SmsText.isGsm7(text)).isFalse();
        assertThat(cut.length()).isEqualTo(70);
        assertThat(cut).endsWith("…");
    }

    @Test
    void neverSplitsASurrogatePair() {
        String cut = SmsText.oneSegment("😀".repeat(60));
        assertThat(cut.length()).isLessThanOrEqualTo(70);
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
        assertThat(cut.codePoints().filter(c -> c == 0x1F600).count()).isEqualTo(34);
    }

    @Test
    void frenchAccentsInGsmStayGsm() {
        assertThat(SmsText.isGsm7("élève à l'école")).isTrue();
        assertThat(SmsText.isGsm7("Ça")).isTrue();
        assertThat(SmsText.isGsm7("ça")).isFalse();
    }

    @Test
    void theStopLineIsKeptWhole() {
        String cut = SmsText.oneSegment("b".repeat(200), "Reply STOP to end SMS");
        assertThat(SmsText.length(cut)).isEqualTo(160);
        assertThat(cut).endsWith("... Reply STOP to end SMS");
        assertThat(SmsText.oneSegment("short", "Reply STOP")).isEqualTo("short Reply STOP");
    }
}
