package org.projectspark.media.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AcceptWebpTest {

    @Test
    void onlyADeviceThatNamesWebpGetsIt() {
        assertThat(FileResource.acceptsWebp("image/avif,image/webp,image/apng,image/*,*/*;q=0.8")).isTrue();
        assertThat(FileResource.acceptsWebp("image/webp;q=0.5")).isTrue();
        assertThat(FileResource.acceptsWebp(" IMAGE/WEBP ")).isTrue();
        assertThat(FileResource.acceptsWebp("image/webp;q=0, image/jpeg")).isFalse();
        assertThat(FileResource.acceptsWebp("image/webp;q=x")).isFalse();
        assertThat(FileResource.acceptsWebp("*/*")).as("old image loaders send */* and cannot show WebP").isFalse();
        assertThat(FileResource.acceptsWebp("image/*")).isFalse();
        assertThat(FileResource.acceptsWebp(null)).isFalse();
        assertThat(FileResource.acceptsWebp("")).isFalse();
    }
}
