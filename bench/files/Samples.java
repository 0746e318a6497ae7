import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The bench's sample files (java bench/files/Samples.java ...):
 *   photos DIR N   N different JPEG photos of about 2 MB (1600x1200, a gradient with grain: a phone photo's size and
 *                  entropy), each with an Exif segment the server strips
 *   audio FILE MB  a WAV file of MB MiB (16-bit mono PCM noise), lesson media
 */
public class Samples {

    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "photos" -> photos(Path.of(args[1]), Integer.parseInt(args[2]));
            case "audio" -> audio(Path.of(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("photos DIR N | audio FILE MB");
        }
    }

    private static void photos(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = writer.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(0.95f);
        for (int i = 1; i <= n; i++) {
            SplittableRandom r = new SplittableRandom(i);
            BufferedImage img = new BufferedImage(1600, 1200, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 1200; y++) {
                for (int x = 0; x < 1600; x++) {
                    int g = r.nextInt(160);
                    img.setRGB(x, y, ((x * 255 / 1600 + g) & 0xff) << 16 | ((y * 255 / 1200 + g) & 0xff) << 8 | ((i * 37 + g) & 0xff));
                }
            }
            Path out = dir.resolve(String.format("photo-%04d.jpg", i));
            Path plain = dir.resolve("plain.tmp");
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(plain.toFile())) {
                writer.setOutput(ios);
                writer.write(null, new IIOImage(img, null, null), p);
            }
            byte[] jpeg = Files.readAllBytes(plain);
            Files.delete(plain);
            try (OutputStream o = Files.newOutputStream(out)) {
                o.write(jpeg, 0, 2); // SOI, then an Exif APP1 as a phone writes it
                o.write(exif());
                o.write(jpeg, 2, jpeg.length - 2);
            }
        }
    }

    /** A minimal Exif APP1 segment: a TIFF header and one IFD with a camera make. */
    private static byte[] exif() {
        byte[] make = "BenchPhone\0".getBytes();
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4 + make.length).order(ByteOrder.BIG_ENDIAN);
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
        tiff.putShort((short) 1).putShort((short) 0x010f).putShort((short) 2).putInt(make.length).putInt(8 + 2 + 12 + 4);
        tiff.putInt(0).put(make);
        byte[] body = tiff.array();
        ByteBuffer seg = ByteBuffer.allocate(4 + 6 + body.length).order(ByteOrder.BIG_ENDIAN);
        seg.put((byte) 0xff).put((byte) 0xe1).putShort((short) (2 + 6 + body.length)).put(new byte[] {'E', 'x', 'i', 'f', 0, 0}).put(body);
        return seg.array();
    }

    private static void audio(Path file, int mib) throws IOException {
        int data = mib * 1024 * 1024 - 44;
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes()).putInt(36 + data).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(22050).putInt(44100).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(data);
        SplittableRandom r = new SplittableRandom(7);
        byte[] block = new byte[1 << 16];
        try (OutputStream o = Files.newOutputStream(file)) {
            o.write(h.array());
            for (int left = data; left > 0; left -= block.length) {
                for (int i = 0; i < block.length; i++) {
                    block[i] = (byte) r.nextInt(256);
                }
                o.write(block, 0, Math.min(left, block.length));
            }
        }
    }
}
