package io.ticketing.platform.domain.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** A logo is what its bytes are, whatever its name; SVG, fakes, giants and oversize files are refused with a reason. */
class LogoImageTest {

    static byte[] image(String format, int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    @Test
    void pngAndJpegAreReadWithTheirSizeAndHash() throws Exception {
        LogoImage png = LogoImage.of(image("png", 120, 40));
        assertThat(png.contentType()).isEqualTo("image/png");
        assertThat(png.width()).isEqualTo(120);
        assertThat(png.height()).isEqualTo(40);
        assertThat(png.sha256()).matches("[0-9a-f]{64}");
        LogoImage jpeg = LogoImage.of(image("jpg", 200, 100));
        assertThat(jpeg.contentType()).isEqualTo("image/jpeg");
        assertThat(jpeg.width()).isEqualTo(200);
        assertThat(jpeg.height()).isEqualTo(100);
        assertThat(jpeg.sha256()).isNotEqualTo(png.sha256());
    }

    @Test
    void webpHeadersOfAllThreeKindsTellTheSize() {
        byte[] vp8x = new byte[40];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, vp8x, 0, 4);
        System.arraycopy("WEBPVP8X".getBytes(StandardCharsets.US_ASCII), 0, vp8x, 8, 8);
        vp8x[24] = (byte) 199; // width - 1, 24 bits little-endian
        vp8x[27] = 99;
        LogoImage logo = LogoImage.of(vp8x);
        assertThat(logo.contentType()).isEqualTo("image/webp");
        assertThat(logo.width()).isEqualTo(200);
        assertThat(logo.height()).isEqualTo(100);
        byte[] lossless = new byte[40];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, lossless, 0, 4);
        System.arraycopy("WEBPVP8L".getBytes(StandardCharsets.US_ASCII), 0, lossless, 8, 8);
        lossless[20] = 0x2f;
        long bits = (64 - 1) | (long) (32 - 1) << 14;
        for (int i = 0; i < 4; i++) {
            lossless[21 + i] = (byte) (bits >> (8 * i));
        }
        assertThat(LogoImage.of(lossless).width()).isEqualTo(64);
        assertThat(LogoImage.of(lossless).height()).isEqualTo(32);
    }

    @Test
    void aTextFileNamedPngIsRefused() {
        assertThatThrownBy(() -> LogoImage.of("not really a picture".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(BrandingRefusedException.class, e -> assertThat(e.reason()).isEqualTo("logo.type"));
    }

    @Test
    void svgIsRefusedForItsScripts() {
        byte[] svg = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LogoImage.of(svg))
                .isInstanceOfSatisfying(BrandingRefusedException.class, e -> assertThat(e.reason()).isEqualTo("logo.svg"));
    }

    @Test
    void oversizeFilesAndGiantOrTinyImagesAreRefused() throws Exception {
        byte[] big = new byte[LogoImage.MAX_BYTES + 1];
        byte[] png = image("png", 20, 20);
        System.arraycopy(png, 0, big, 0, png.length);
        assertThatThrownBy(() -> LogoImage.of(big))
                .isInstanceOfSatisfying(BrandingRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo("logo.size");
                    assertThat(e.arguments()).containsExactly(513, 512);
                });
        byte[] giant = image("png", 20, 20);
        giant[16] = 0; giant[17] = 0; giant[18] = 0x13; giant[19] = (byte) 0x88; // IHDR says 5000 wide
        assertThatThrownBy(() -> LogoImage.of(giant))
                .isInstanceOfSatisfying(BrandingRefusedException.class, e -> assertThat(e.reason()).isEqualTo("logo.dimensions"));
        assertThatThrownBy(() -> LogoImage.of(image("png", 8, 8)))
                .isInstanceOfSatisfying(BrandingRefusedException.class, e -> assertThat(e.reason()).isEqualTo("logo.dimensions"));
        assertThatThrownBy(() -> LogoImage.of(new byte[0]))
                .isInstanceOfSatisfying(BrandingRefusedException.class, e -> assertThat(e.reason()).isEqualTo("logo.missing"));
    }
}
