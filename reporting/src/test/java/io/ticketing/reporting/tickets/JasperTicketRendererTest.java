package io.ticketing.reporting.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.ticketing.platform.application.TicketPrint;
import io.ticketing.platform.domain.order.PrintableTicket;
import io.ticketing.platform.domain.order.TicketPass;
import io.ticketing.platform.domain.shared.Money;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDCIDFontType2;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

class JasperTicketRendererTest {

    private static final String SHOP = "lotus-hall";
    private static final Instant START = Instant.parse("2027-02-06T11:30:00Z");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** The shop's MAC as TenantSecrets gives it: HMAC-SHA256 under a key of the shop's. */
    private static final Function<byte[], byte[]> MAC = data -> {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("lotus-hall's ticket key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    };

    private final JasperTicketRenderer renderer = new JasperTicketRenderer(url -> Optional.empty());

    private static TicketPrint.Ticket ticket(String code, String title, String type, String holder, long cents) {
        PrintableTicket t = new PrintableTicket(code, title, START, SHANGHAI, "Lotus Hall", "88 Nanjing Road", "Shanghai", "CN",
                type, holder, Money.ofMinor(cents, "CNY"));
        return new TicketPrint.Ticket(t, new TicketPass(SHOP, code).encode(MAC));
    }

    private static TicketPrint print(Locale locale, TicketPrint.Ticket... tickets) {
        return new TicketPrint("Lotus Hall 莲花厅", "#b3261e", null, locale, "6f1c2a9e-0b7d-4a43-9a51-1d1e3f5a7c20", List.of(tickets));
    }

    @Test
    void aPagePerTicketWithItsFactsInTextAndEveryFontEmbedded() throws Exception {
        byte[] pdf = renderer.pdf(print(Locale.ENGLISH,
                ticket("A1B2C3D4E5F60718293A4B5C6D7E8F90", "Spring Festival Gala", "Stalls", "Ada Lovelace", 18800),
                ticket("0F1E2D3C4B5A69788796A5B4C3D2E1F0", "Spring Festival Gala", "Balcony", "Ada Lovelace", 12800),
                ticket("FFEEDDCCBBAA99887766554433221100", "Spring Festival Gala", "Box", "Ada Lovelace", 58800)));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(3);
            String second = pageText(document, 2);
            assertThat(second).contains("Spring Festival Gala", "Balcony", "Ada Lovelace", "Lotus Hall", "88 Nanjing Road",
                    "0F1E 2D3C 4B5A 6978 8796 A5B4 C3D2 E1F0", "Saturday 6 February 2027, 19:30", "CN¥128.00");
            assertThat(second).doesNotContain("Stalls");
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName() + " embedded").isTrue();
                    assertThat(font.getName()).contains("NotoSansSC");
                }
            }
        }
    }

    @Test
    void namesWithLettersNotoSansScLacksPrintWholeInAFallbackFontThatIsEmbeddedToo() throws Exception {
        byte[] pdf = renderer.pdf(print(Locale.ENGLISH,
                ticket("A1B2C3D4E5F60718293A4B5C6D7E8F90", "Ολυμπία Gala", "Stalls", "Łukasz Čapek-Şahin", 18800)));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(pageText(document, 1)).contains("Ολυμπία Gala", "Łukasz Čapek-Şahin");
            List<String> fonts = new java.util.ArrayList<>();
            for (COSName name : document.getPage(0).getResources().getFontNames()) {
                PDFont font = document.getPage(0).getResources().getFont(name);
                assertThat(font.isEmbedded()).as(font.getName() + " embedded").isTrue();
                fonts.add(font.getName());
            }
            assertThat(fonts).anyMatch(f -> f.contains("DejaVuSans"));
        }
    }

    @Test
    void chineseNamesAndTitlesAreGlyphsThatReadBackAsThemselves() throws Exception {
        byte[] pdf = renderer.pdf(print(Locale.forLanguageTag("zh-CN"),
                ticket("A1B2C3D4E5F60718293A4B5C6D7E8F90", "春节联欢音乐会", "池座", "王小明", 18800)));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = pageText(document, 1);
            assertThat(text).contains("春节联欢音乐会", "王小明", "池座", "持票人", "2027年2月6日 星期六 19:30", "¥188.00");
            // every Chinese character printed is a real glyph of the embedded font, not glyph 0 (.notdef, the box)
            Map<String, Integer> glyphs = new java.util.HashMap<>();
            PDFTextStripper glyphReader = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) {
                    for (TextPosition p : positions) {
                        PDCIDFontType2 cid = (PDCIDFontType2) ((PDType0Font) p.getFont()).getDescendantFont();
                        for (int code : p.getCharacterCodes()) {
                            try {
                                glyphs.put(p.getUnicode(), cid.codeToGID(code));
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }
                    }
                }
            };
            glyphReader.getText(document);
            for (String c : List.of("王", "小", "明", "春", "节", "联", "欢", "音", "乐", "会", "池", "座")) {
                assertThat(glyphs.get(c)).as("glyph of " + c).isNotNull().isNotZero();
            }
            ImageIO.write(new PDFRenderer(document).renderImageWithDPI(0, 100, ImageType.RGB), "png",
                    new File("target/ticket-zh-CN.png"));
        }
    }

    @Test
    void germanTicketsSpeakGermanAndWriteMoneyTheGermanWay() throws Exception {
        PrintableTicket t = new PrintableTicket("A1B2C3D4E5F60718293A4B5C6D7E8F90", "Konzert für Jäger", START, ZoneId.of("Europe/Berlin"),
                "Philharmonie", "Herbert-von-Karajan-Straße 1", "Berlin", "DE", "Parkett", "Jörg Müller", Money.ofMinor(2450, "EUR"));
        byte[] pdf = renderer.pdf(new TicketPrint("Philharmonie", "#f5d76e", null, Locale.GERMAN, "6f1c2a9e",
                List.of(new TicketPrint.Ticket(t, new TicketPass(SHOP, t.code()).encode(MAC)))));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(pageText(document, 1)).contains("Konzert für Jäger", "Jörg Müller", "Preis", "24,50 €",
                    "Samstag, 6. Februar 2027, 12:30 Uhr", "Herbert-von-Karajan-Straße 1");
            ImageIO.write(new PDFRenderer(document).renderImageWithDPI(0, 100, ImageType.RGB), "png", new File("target/ticket-de.png"));
        }
    }

    @Test
    void theQrCodeOnThePageScansBackToAGenuinePassOfTheShop() throws Exception {
        TicketPrint.Ticket first = ticket("A1B2C3D4E5F60718293A4B5C6D7E8F90", "Spring Festival Gala", "Stalls", "Ada Lovelace", 18800);
        TicketPrint.Ticket second = ticket("0F1E2D3C4B5A69788796A5B4C3D2E1F0", "Spring Festival Gala", "Balcony", "王小明", 12800);
        byte[] pdf = renderer.pdf(print(Locale.ENGLISH, first, second));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<String> scanned = new ArrayList<>();
            for (int page = 0; page < document.getNumberOfPages(); page++) {
                BufferedImage image = new PDFRenderer(document).renderImageWithDPI(page, 150, ImageType.RGB);
                if (page == 0) {
                    ImageIO.write(image, "png", new File("target/ticket-en.png"));
                }
                scanned.add(scanPage(document, page));
            }
            assertThat(scanned).containsExactly(first.pass(), second.pass());
            assertThat(TicketPass.read(scanned.get(1), SHOP, MAC))
                    .isEqualTo(new TicketPass.Genuine(new TicketPass(SHOP, "0F1E2D3C4B5A69788796A5B4C3D2E1F0")));
            assertThat(TicketPass.read(scanned.get(1), "other-shop", MAC)).isInstanceOf(TicketPass.OtherShop.class);
        }
    }

    @Test
    void theShopsLogoSitsInItsBand() throws Exception {
        BufferedImage logo = new BufferedImage(120, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = logo.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillOval(0, 0, 120, 60);
        g.dispose();
        JasperTicketRenderer withLogo = new JasperTicketRenderer(url -> Optional.of(logo));
        TicketPrint.Ticket t = ticket("A1B2C3D4E5F60718293A4B5C6D7E8F90", "Spring Festival Gala", "Stalls", "Ada Lovelace", 18800);

        try (PDDocument without = Loader.loadPDF(renderer.pdf(print(Locale.ENGLISH, t)));
             PDDocument with = Loader.loadPDF(withLogo.pdf(new TicketPrint("Lotus Hall", "#1f4e8c", "https://lotus.example/logo.png",
                     Locale.ENGLISH, "6f1c2a9e", List.of(t))))) {
            assertThat(images(with.getPage(0))).isEqualTo(images(without.getPage(0)) + 1);
        }
    }

    @Test
    void anUploadedLogoWinsOverTheUrlAndNeedsNoFetch() throws Exception {
        BufferedImage logo = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(logo, "png", png);
        java.util.concurrent.atomic.AtomicInteger fetched = new java.util.concurrent.atomic.AtomicInteger();
        JasperTicketRenderer fetching = new JasperTicketRenderer(url -> {
            fetched.incrementAndGet();
            return Optional.empty();
        });
        TicketPrint.Ticket t = ticket("A1B2C3D4E5F60718293A4B5C6D7E8F90", "Spring Festival Gala", "Stalls", "Ada Lovelace", 18800);
        try (PDDocument without = Loader.loadPDF(renderer.pdf(print(Locale.ENGLISH, t)));
             PDDocument with = Loader.loadPDF(fetching.pdf(new TicketPrint("Lotus Hall", "#1f4e8c", "https://lotus.example/logo.png",
                     png.toByteArray(), Locale.ENGLISH, "6f1c2a9e", List.of(t))))) {
            assertThat(images(with.getPage(0))).isEqualTo(images(without.getPage(0)) + 1);
        }
        assertThat(fetched).as("the URL is not asked").hasValue(0);
        byte[] webp = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'};
        fetching.pdf(new TicketPrint("Lotus Hall", "#1f4e8c", "https://lotus.example/logo.png", webp, Locale.ENGLISH, "6f1c2a9e", List.of(t)));
        assertThat(fetched).as("an upload the JDK cannot draw falls back to the URL").hasValue(1);
    }

    @Test
    void textOnTheBandContrastsWithTheShopsColour() {
        assertThat(JasperTicketRenderer.readableOn("#1f4e8c")).isEqualTo("#FFFFFF");
        assertThat(JasperTicketRenderer.readableOn("#f5d76e")).isEqualTo("#1F2328");
        assertThat(JasperTicketRenderer.grouped("A1B2C3D4E5")).isEqualTo("A1B2 C3D4 E5");
        assertThat(TicketPass.typedCode(JasperTicketRenderer.grouped("A1B2C3D4E5F60718"))).contains("A1B2C3D4E5F60718");
    }

    private static int images(PDPage page) {
        int count = 0;
        for (COSName name : page.getResources().getXObjectNames()) {
            count++;
        }
        return count;
    }

    private static String pageText(PDDocument document, int page) throws Exception {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(document);
    }

    /** The page's QR code, read at the first of a few resolutions that decodes (ZXing reading a whole page now and then misses at one). */
    static String scanPage(org.apache.pdfbox.pdmodel.PDDocument document, int page) throws Exception {
        com.google.zxing.ReaderException missed = null;
        for (int dpi : new int[] {150, 300, 200, 250}) {
            try {
                return scan(new org.apache.pdfbox.rendering.PDFRenderer(document).renderImageWithDPI(page, dpi,
                        org.apache.pdfbox.rendering.ImageType.RGB));
            } catch (com.google.zxing.ReaderException e) {
                missed = e;
            }
        }
        throw missed;
    }

    static String scan(BufferedImage image) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }
}
