package org.projectspark.media.domain;

import org.junit.jupiter.api.Test;
import org.projectspark.platform.error.InvalidRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageWidthTest {

    private static final ContentHash HASH = new ContentHash("ab".repeat(32));

    @Test
    void onlyTheFixedWidthsAreServed() {
        assertThat(ImageWidth.of("320").pixels()).isEqualTo(320);
        assertThat(ImageWidth.of(" 1280 ").pixels()).isEqualTo(1280);
        for (String bad : new String[]{"400", "0", "-320", "abc", "", "99999999999", "320px"}) {
            assertThatThrownBy(() -> ImageWidth.of(bad)).as(bad).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("160, 320, 640, 1280");
        }
        assertThatThrownBy(() -> ImageWidth.of("9".repeat(5000))).hasMessageNotContaining("9".repeat(100));
    }

    @Test
    void aVariantIsKeptBesideItsContentAndNamedByIt() {
        ImageVariant webp = new ImageVariant(HASH, new ImageWidth(320), VariantFormat.WEBP);
        assertThat(webp.storageKey()).isEqualTo("variants/ab/ab/" + HASH.hex() + "/320-webp").startsWith(HASH.variantsPrefix());
        assertThat(webp.etag()).isEqualTo("\"" + HASH.hex() + "-320-webp\"");
        assertThat(webp.mediaType()).isEqualTo("image/webp");
        ImageVariant jpeg = new ImageVariant(HASH, new ImageWidth(320), VariantFormat.JPEG);
        assertThat(jpeg.etag()).isNotEqualTo(webp.etag());
        assertThat(jpeg.storageKey()).isNotEqualTo(webp.storageKey());
        assertThat(ImageVariant.madeOf("image/png")).isTrue();
        assertThat(ImageVariant.madeOf("application/pdf")).isFalse();
    }
}
