package io.ticketing.reporting.tickets;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.util.Map;

/** A ticket's QR code as a black-and-white image, sharp when printed at the ticket's size. */
final class QrCodes {

    /** Pixels per module: a pass is a version 4-5 code (33-37 modules), so about 300 px, crisp on paper at 200 pt. */
    private static final int MODULE_PIXELS = 8;

    private QrCodes() {
    }

    /** Error correction M (15 %): survives a crease or a scratched phone screen without growing the code much. */
    static BufferedImage of(String text) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot make a QR code of " + text.length() + " characters", e);
        }
        int size = matrix.getWidth() * MODULE_PIXELS;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, matrix.get(x / MODULE_PIXELS, y / MODULE_PIXELS) ? 0x000000 : 0xFFFFFF);
            }
        }
        return image;
    }
}
