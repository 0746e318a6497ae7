package org.projectspark.media.service;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Real files of each kind, made here: a photo with a GPS position, a PNG with text, a Word document, a PHP script. */
final class TestFiles {

    static final String GPS_MARK = "GPSLatitude-1.2921S-36.8219E";

    private TestFiles() {
    }

    static byte[] image(String format, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLUE);
        g.drawString("2+2=4", 5, h / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    /** A JPEG whose Exif holds an orientation (6: turned right) and, as a camera writes it, where it was taken; then a trailer. */
    static byte[] photoWithLocation() throws IOException {
        byte[] jpeg = image("jpg", 64, 48);
        byte[] gps = GPS_MARK.getBytes(StandardCharsets.US_ASCII);
        // Exif: little-endian TIFF, IFD0 with orientation and an ASCII tag standing in for the GPS block
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 2 * 12 + 4 + gps.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 6).putShort((short) 0);
        tiff.putShort((short) 0x010E).putShort((short) 2).putInt(gps.length).putInt(8 + 2 + 24 + 4);
        tiff.putInt(0);
        tiff.put(gps);
        byte[] exif = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff.array());
        byte[] app1 = concat(new byte[]{(byte) 0xFF, (byte) 0xE1, (byte) ((exif.length + 2) >> 8), (byte) (exif.length + 2)}, exif);
        byte[] xmp = ("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:" + GPS_MARK + "/></x:xmpmeta>").getBytes(StandardCharsets.ISO_8859_1);
        byte[] app1Xmp = concat(new byte[]{(byte) 0xFF, (byte) 0xE1, (byte) ((xmp.length + 2) >> 8), (byte) (xmp.length + 2)}, xmp);
        byte[] withExif = concat(new byte[]{jpeg[0], jpeg[1]}, app1, app1Xmp, java.util.Arrays.copyOfRange(jpeg, 2, jpeg.length));
        return concat(withExif, ("trailing second picture " + GPS_MARK).getBytes(StandardCharsets.US_ASCII));
    }

    /** A PNG with a text chunk saying where it was taken. */
    static byte[] pngWithText() throws IOException {
        byte[] png = image("png", 32, 32);
        byte[] data = ("Comment\0" + GPS_MARK).getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length).put("tEXt".getBytes(StandardCharsets.ISO_8859_1)).put(data);
        CRC32 crc = new CRC32();
        crc.update("tEXt".getBytes(StandardCharsets.ISO_8859_1));
        crc.update(data);
        chunk.putInt((int) crc.getValue());
        // after the signature and IHDR (8 + 25 bytes)
        return concat(java.util.Arrays.copyOfRange(png, 0, 33), chunk.array(), java.util.Arrays.copyOfRange(png, 33, png.length));
    }

    static byte[] docx() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            entry(zip, "_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>");
            entry(zip, "word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body/></w:document>");
        }
        return out.toByteArray();
    }

    static byte[] pdf() {
        return ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
                + "trailer<</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] php() {
        return "<?php system($_GET['cmd']); ?>\n".getBytes(StandardCharsets.US_ASCII);
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }
}
