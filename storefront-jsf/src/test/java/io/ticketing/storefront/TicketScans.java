package io.ticketing.storefront;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/** Reads a PDF ticket's QR code as a door scanner would (ZXing), for the ITs that check tickets end to end. */
final class TicketScans {

    private TicketScans() {
    }

    /** The page's QR code, read at the first of a few resolutions that decodes (ZXing reading a whole page now and then misses at one). */
    static String scanPage(PDDocument document, int page) throws Exception {
        ReaderException missed = null;
        for (int dpi : new int[] {150, 300, 200, 250}) {
            try {
                return scan(new PDFRenderer(document).renderImageWithDPI(page, dpi, ImageType.RGB));
            } catch (ReaderException e) {
                missed = e;
            }
        }
        throw missed;
    }

    private static String scan(BufferedImage image) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))),
                Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }
}
