package org.projectspark.notification.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneNumberTest {

    @Test
    void typedFormsBecomeE164() {
        assertThat(PhoneNumber.parse(" +254 712-345 678 ").e164()).isEqualTo("+254712345678");
        assertThat(PhoneNumber.parse("00254712345678").e164()).isEqualTo("+254712345678");
    }

    @Test
    void aNumberWithoutCountryCodeOrWithLettersIsRefused() {
        assertThatThrownBy(() -> PhoneNumber.parse("0712345678")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhoneNumber.parse("+2547123abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhoneNumber.parse("+0123456789")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhoneNumber.parse("+1234567890123456")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhoneNumber.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void maskedHidesTheMiddle() {
        assertThat(PhoneNumber.parse("+254712345678").masked()).isEqualTo("+254******678");
    }
}
