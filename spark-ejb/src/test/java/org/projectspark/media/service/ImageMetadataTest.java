package org.projectspark.media.service;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class ImageMetadataTest {

    @Test
    void aPhotoLosesWhereItWasTakenAndKeepsItsOrientationAndPixels() throws IOException {
        byte[] photo = TestFiles.photoWithLocation();
        assertThat(TestFiles.contains(photo, TestFiles.GPS_MARK)).isTrue();
        byte[] clean = strip("image/jpeg", photo);
        assertThat(TestFiles.contains(clean, TestFiles.GPS_MARK)).isFalse();
        assertThat(TestFiles.contains(clean, "trailing")).isFalse();
        assertThat(clean[clean.length - 2] & 0xFF).isEqualTo(0xFF);
        assertThat(clean[clean.length - 1] & 0xFF).isEqualTo(0xD9);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(clean));
        assertThat(image.getWidth()).isEqualTo(64);
        assertThat(image.getHeight()).isEqualTo(48);
        // the minimal Exif that is left says "turned right", and nothing else
        int at = new String(clean, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("Exif\0\0");
        assertThat(at).isPositive();
        byte[] app1 = java.util.Arrays.copyOfRange(clean, at, clean.length);
        assertThat(ImageMetadata.orientation(app1)).isEqualTo(6);
    }

    @Test
    void aPngLosesItsTextChunks() throws IOException {
        byte[] png = TestFiles.pngWithText();
        assertThat(ImageIO.read(new ByteArrayInputStream(png))).isNotNull();
        byte[] clean = strip("image/png", png);
        assertThat(TestFiles.contains(clean, TestFiles.GPS_MARK)).isFalse();
        assertThat(ImageIO.read(new ByteArrayInputStream(clean)).getWidth()).isEqualTo(32);
    }

    @Test
    void aPhotoWithoutMetadataIsUnchanged() throws IOException {
        byte[] plain = TestFiles.image("jpg", 20, 20);
        assertThat(strip("image/jpeg", plain)).isEqualTo(plain);
    }

    private static byte[] strip(String type, byte[] in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageMetadata.strip(type, new ByteArrayInputStream(in), out);
        return out.toByteArray();
    }
}
