package org.projectspark.media.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DisplayNameTest {

    @Test
    void keepsAnOrdinaryName() {
        assertThat(DisplayName.of("Insha ya Kiswahili.pdf", "file")).isEqualTo("Insha ya Kiswahili.pdf");
        assertThat(DisplayName.of("picha_ya_ukurasa 2.jpg", "file")).isEqualTo("picha_ya_ukurasa 2.jpg");
    }

    @Test
    void dropsEveryFolder() {
        assertThat(DisplayName.of("../../etc/passwd", "file")).isEqualTo("passwd");
        assertThat(DisplayName.of("..\\..\\windows\\system32\\cmd.exe", "file")).isEqualTo("cmd.exe");
        assertThat(DisplayName.of("%2e%2e%2f%2e%2e%2fetc%2fpasswd", "file")).isEqualTo("passwd");
        assertThat(DisplayName.of("/", "file")).isEqualTo("file");
        assertThat(DisplayName.of("..", "file")).isEqualTo("file");
        assertThat(DisplayName.of(".htaccess", "file")).isEqualTo("htaccess");
    }

    @Test
    void dropsControlAndDirectionCharacters() {
        assertThat(DisplayName.of("photo\u0000.php\u0000.jpg", "file")).isEqualTo("photo.php.jpg");
        assertThat(DisplayName.of("invoice\u202Egpj.exe", "file")).isEqualTo("invoicegpj.exe");
        assertThat(DisplayName.of("a\r\nb\tc.png", "file")).isEqualTo("abc.png");
        assertThat(DisplayName.of("\u200B\u2066x.pdf\u2069", "file")).isEqualTo("x.pdf");
        assertThat(DisplayName.of(null, "file")).isEqualTo("file");
    }

    @Test
    void boundsTheLengthKeepingTheExtension() {
        String name = DisplayName.of("a".repeat(10_000) + ".docx", "file");
        assertThat(name).hasSize(DisplayName.MAX_LENGTH).endsWith(".docx").startsWith("aaa");
        assertThat(DisplayName.of("\uD83D\uDE00".repeat(500), "file").codePointCount(0, DisplayName.of("\uD83D\uDE00".repeat(500), "file").length()))
                .isEqualTo(DisplayName.MAX_LENGTH);
    }
}
