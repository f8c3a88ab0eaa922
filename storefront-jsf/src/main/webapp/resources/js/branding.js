// The branding page's preview: the shop's header as the fields are typed, before anything is saved. The colours
// follow the shop's own rule (ShopPage.brandStyle): white or ink text on the brand colour where it reaches 4.5:1,
// else black; links in the colour where it reads on the page, else ink. Saving is what counts: the server decides.
(function () {
    'use strict';
    var INK = '#1d1d1f', WHITE = '#ffffff', BLACK = '#000000', PAPER = '#fafafa', AA = 4.5, MAX_LOGO = 512 * 1024;

    function luminance(hex) {
        var sum = [0.2126, 0.7152, 0.0722], l = 0;
        for (var i = 0; i < 3; i++) {
            var c = parseInt(hex.substr(1 + 2 * i, 2), 16) / 255;
            l += sum[i] * (c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
        }
        return l;
    }

    function contrast(a, b) {
        var la = luminance(a), lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    function normal(value) {
        var v = (value || '').trim().toLowerCase();
        if (/^#[0-9a-f]{3}$/.test(v)) {
            v = '#' + v[1] + v[1] + v[2] + v[2] + v[3] + v[3];
        }
        return /^#[0-9a-f]{6}$/.test(v) ? v : null;
    }

    function ratio(r) {
        var lang = document.documentElement.lang || undefined;
        return (Math.floor(r * 10) / 10).toLocaleString(lang, {minimumFractionDigits: 1, maximumFractionDigits: 1}) + ':1';
    }

    document.addEventListener('DOMContentLoaded', function () {
        var preview = document.getElementById('preview');
        var name = document.querySelector('[data-preview="name"]');
        var color = document.querySelector('[data-preview="color"]');
        var logo = document.querySelector('[data-preview="logo"]');
        var picker = document.getElementById('color-picker');
        var box = document.getElementById('contrast');
        if (!preview) {
            return;
        }

        function verdict(id, ok) {
            var el = document.getElementById(id);
            if (el) {
                el.textContent = ok ? box.dataset.readable : box.dataset.unreadable;
            }
        }

        function showColor() {
            var c = normal(color.value);
            if (!c) {
                return;
            }
            var onBrand = contrast(c, WHITE) >= AA ? WHITE : contrast(c, INK) >= AA ? INK : BLACK;
            var brandText = contrast(c, PAPER) >= AA ? c : INK;
            preview.style.setProperty('--brand', c);
            preview.style.setProperty('--on-brand', onBrand);
            preview.style.setProperty('--brand-text', brandText);
            document.getElementById('ratio-white').textContent = ratio(contrast(c, WHITE));
            document.getElementById('ratio-black').textContent = ratio(contrast(c, BLACK));
            verdict('verdict-white', contrast(c, WHITE) >= AA);
            verdict('verdict-black', contrast(c, BLACK) >= AA);
            document.getElementById('contrast-links').hidden = contrast(c, PAPER) >= AA;
            if (picker && picker.value !== c) {
                picker.value = c;
            }
        }

        if (name) {
            name.addEventListener('input', function () {
                document.getElementById('preview-name').textContent = name.value;
            });
        }
        if (color) {
            color.addEventListener('input', showColor);
            showColor();
        }
        if (picker && color) {
            picker.hidden = false;
            picker.addEventListener('input', function () {
                color.value = picker.value;
                showColor();
            });
        }
        if (logo && window.FileReader) {
            logo.addEventListener('change', function () {
                var file = logo.files && logo.files[0];
                if (!file || file.size > MAX_LOGO || !/^image\/(png|jpeg|webp)$/.test(file.type)) {
                    return; // the server says why when it is sent
                }
                var reader = new FileReader();
                reader.onload = function () {
                    var img = document.getElementById('preview-logo');
                    img.src = reader.result;
                    img.hidden = false;
                };
                reader.readAsDataURL(file);
            });
        }
    });
})();
