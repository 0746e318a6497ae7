package org.projectspark.media.service;

import org.junit.jupiter.api.Test;
import org.projectspark.media.domain.ImageNotResizableException;
import org.projectspark.media.domain.VariantFormat;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageResizerTest {

    @Test
    void webpIsEncodedOnThisMachine() {
        assertThat(ImageResizer.WEBP).as("libwebp loads (linux x86_64)").isTrue();
    }

    @Test
    void aPhotoBecomesAWebpOrAJpegOfTheWidthAsked() throws IOException {
        byte[] photo = jpeg(image(1600, 1200, false));
        byte[] webp = resize(photo, 0, 320, VariantFormat.WEBP);
        assertThat(new String(webp, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(webp, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WEBP");
        assertThat(webpWidth(webp)).isEqualTo(320);
        byte[] jpeg = resize(photo, 0, 320, VariantFormat.JPEG);
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(read.getWidth()).isEqualTo(320);
        assertThat(read.getHeight()).isEqualTo(240);
        assertThat(webp.length).isLessThan(jpeg.length);
    }

    @Test
    void neverWiderThanTheOriginal() throws IOException {
        byte[] small = jpeg(image(200, 100, false));
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(resize(small, 0, 640, VariantFormat.JPEG)));
        assertThat(read.getWidth()).isEqualTo(200);
    }

    @Test
    void aPhotoTakenSidewaysStandsUpright() throws IOException {
        // stored 400 x 300 with orientation 6 (turn 90 degrees clockwise to show): shown 300 wide, 400 tall
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(resize(jpeg(image(400, 300, false)), 6, 160, VariantFormat.JPEG)));
        assertThat(read.getWidth()).isEqualTo(160);
        assertThat(read.getHeight()).isBetween(212, 214);
    }

    @Test
    void aTransparentPngAsJpegStandsOnWhite() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(400, 400, BufferedImage.TYPE_INT_ARGB), "png", png);
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(resize(png.toByteArray(), 0, 160, VariantFormat.JPEG)));
        Color c = new Color(read.getRGB(80, 80));
        assertThat(c.getRed()).isGreaterThan(245);
        assertThat(webpWidth(resize(png.toByteArray(), 0, 160, VariantFormat.WEBP))).isEqualTo(160);
    }

    @Test
    void whatIsNoImageIsRefused() {
        assertThatThrownBy(() -> resize("%PDF-1.4 not an image".getBytes(StandardCharsets.US_ASCII), 0, 160, VariantFormat.JPEG))
                .isInstanceOf(ImageNotResizableException.class);
        byte[] cut = jpeg(image(400, 300, false));
        assertThatThrownBy(() -> resize(Arrays.copyOf(cut, 200), 0, 160, VariantFormat.JPEG)).isInstanceOf(ImageNotResizableException.class);
    }

    @Test
    void theOrientationAStoredPhotoKeptIsFound() {
        byte[] exif = ImageMetadata.minimalExif(6);
        byte[] head = new byte[2 + exif.length + 4];
        head[0] = (byte) 0xFF;
        head[1] = (byte) 0xD8;
        System.arraycopy(exif, 0, head, 2, exif.length);
        head[2 + exif.length] = (byte) 0xFF;
        head[3 + exif.length] = (byte) 0xDA;
        assertThat(ImageMetadata.orientationOfJpeg(head)).isEqualTo(6);
        assertThat(ImageMetadata.orientationOfJpeg(jpeg(image(10, 10, false)))).isZero();
    }

    private static byte[] resize(byte[] image, int orientation, int width, VariantFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageResizer.resize(new ByteArrayInputStream(image), orientation, width, format, out);
        return out.toByteArray();
    }

    /** The width in a lossy (VP8) WebP's frame header. */
    private static int webpWidth(byte[] webp) {
        String chunk = new String(webp, 12, 4, StandardCharsets.US_ASCII);
        if (chunk.equals("VP8X")) {
            return 1 + ((webp[24] & 0xFF) | (webp[25] & 0xFF) << 8 | (webp[26] & 0xFF) << 16);
        }
        assertThat(chunk).isEqualTo("VP8 ");
        return ((webp[26] & 0xFF) | (webp[27] & 0xFF) << 8) & 0x3FFF;
    }

    static BufferedImage image(int w, int h, boolean alpha) {
        BufferedImage img = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, Color.ORANGE, w, h, Color.BLUE));
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    static byte[] jpeg(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
