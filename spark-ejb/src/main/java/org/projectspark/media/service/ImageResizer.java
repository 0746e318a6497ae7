package org.projectspark.media.service;

import com.luciad.imageio.webp.CompressionType;
import com.luciad.imageio.webp.WebPImageWriterSpi;
import com.luciad.imageio.webp.WebPWriteParam;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.Orientation;
import org.projectspark.media.domain.ImageNotResizableException;
import org.projectspark.media.domain.VariantFormat;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes an image smaller: decodes it with the JDK's ImageIO (subsampled while decoding, so a 12-megapixel photo asked
 * at 320 never occupies 48 MB of heap), stands it upright by its Exif orientation, resizes it with Thumbnailator
 * (progressive bilinear steps, not one blurry jump) and encodes it as WebP (libwebp, built into webp-imageio) or JPEG.
 * Never wider than the original. Writers are made from their providers, never registered in ImageIO's JVM-wide
 * registry, which would keep this application's classes alive after it is undeployed.
 */
final class ImageResizer {

    private static final Logger LOG = Logger.getLogger(ImageResizer.class.getName());

    /** Decoding more would take more heap than one request may (a 50 MP phone photo still fits). */
    static final long MAX_PIXELS = 60_000_000L;
    private static final float WEBP_QUALITY = 0.75f;
    private static final float JPEG_QUALITY = 0.8f;

    /** Whether libwebp loaded on this machine (linux x86_64 and aarch64, macOS, Windows); without it every width is JPEG. */
    static final boolean WEBP = webpWorks();

    private ImageResizer() {
    }

    /**
     * Writes {@code image} (a stored JPEG or PNG) at {@code width} pixels wide, or its own width when narrower, to
     * {@code out}. {@code orientation}: the Exif orientation the stored image kept (1-8, 0 when none).
     */
    static void resize(InputStream image, int orientation, int width, VariantFormat format, OutputStream out) throws IOException {
        BufferedImage decoded = decode(image, width, orientation);
        BufferedImage upright = orientation > 1 && orientation <= 8
                ? ExifFilterUtils.getFilterForOrientation(Orientation.typeOf(orientation)).apply(decoded) : decoded;
        int target = Math.min(width, upright.getWidth());
        BufferedImage small = target == upright.getWidth() ? upright : Thumbnails.of(upright).width(target).asBufferedImage();
        if (format == VariantFormat.WEBP) {
            writeWebp(rgb(small, small.getColorModel().hasAlpha()), out);
        } else {
            writeJpeg(rgb(small, false), out);
        }
    }

    /**
     * The image, subsampled by the largest whole factor that keeps it at least twice {@code width} across once upright,
     * so the resize still has pixels to average.
     */
    private static BufferedImage decode(InputStream in, int width, int orientation) throws IOException {
        try (ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new ImageNotResizableException("The file's image encoding is not one the server can resize; read it without w");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w * h > MAX_PIXELS) {
                    throw new ImageNotResizableException("The image has " + w + " x " + h + " pixels, more than the " + MAX_PIXELS
                            + " the server resizes; read it without w");
                }
                long across = orientation >= 5 ? h : w; // orientations 5-8 turn the image a quarter
                int step = (int) Math.max(1, across / (2L * width));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } catch (javax.imageio.IIOException e) {
                // CMYK JPEGs and the like: the JDK decoder does not read every encoding a camera may write
                throw new ImageNotResizableException("The image's encoding cannot be resized here (" + e.getMessage() + "); read it without w");
            } finally {
                reader.dispose();
            }
        }
    }

    /** Plain RGB (or ARGB for WebP, which keeps transparency): JPEG has no alpha, so a transparent PNG goes on white. */
    private static BufferedImage rgb(BufferedImage img, boolean alpha) {
        int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        if (img.getType() == type) {
            return img;
        }
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), type);
        Graphics2D g = out.createGraphics();
        try {
            if (!alpha) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, img.getWidth(), img.getHeight());
            }
            g.drawImage(img, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static void writeJpeg(BufferedImage img, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(JPEG_QUALITY);
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        write(writer, param, img, out);
    }

    private static void writeWebp(BufferedImage img, OutputStream out) throws IOException {
        ImageWriter writer = new WebPImageWriterSpi().createWriterInstance(null);
        WebPWriteParam param = new WebPWriteParam(null);
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType(CompressionType.Lossy);
        param.setCompressionQuality(WEBP_QUALITY);
        write(writer, param, img, out);
    }

    private static void write(ImageWriter writer, ImageWriteParam param, BufferedImage img, OutputStream out) throws IOException {
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static boolean webpWorks() {
        try {
            writeWebp(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), OutputStream.nullOutputStream());
            return true;
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "WebP cannot be encoded on this machine (" + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + "): images are served at widths as JPEG only", e);
            return false;
        }
    }
}
