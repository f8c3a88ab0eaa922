/*
 * The door page's script (CSP: from this site, none inline; no third-party code). The page works
 * without it: the scan form posts and the page comes back with the answer. With it:
 *
 * - the form is posted in the background (the same Faces form post, so the server words and decides
 *   everything), and the answer, the counts and any message are taken from the page that comes back
 *   and put in place; the code field is emptied and keeps the focus for the next scan (USB and
 *   Bluetooth scanners type the code and press Enter);
 * - where the browser has the BarcodeDetector API with QR codes and a camera, a button scans with the
 *   camera; elsewhere no camera control is shown at all.
 */
(function () {
    "use strict";

    var form = document.getElementById("scan");
    if (!form) {
        return;
    }
    var field = document.getElementById("scan:code");
    var button = document.getElementById("scan:submit");
    var busy = false;
    var native = false;

    function swap(id, page) {
        var here = document.getElementById(id);
        var there = page.getElementById(id);
        if (here && there) {
            here.innerHTML = there.innerHTML;
        }
    }

    function messages(page) {
        var main = document.getElementById("main");
        var here = document.getElementById("messages");
        var there = page.getElementById("messages");
        if (here) {
            here.parentNode.removeChild(here);
        }
        if (there && main) {
            main.insertBefore(document.importNode(there, true), main.firstChild);
        }
    }

    function answer(page) {
        var region = document.getElementById("answer");
        var fresh = page.getElementById("answer");
        if (!region || !fresh) {
            return;
        }
        // Emptied first, so the same answer twice in a row is announced twice.
        region.innerHTML = "";
        window.setTimeout(function () { region.innerHTML = fresh.innerHTML; }, 50);
    }

    form.addEventListener("submit", function (event) {
        if (native || !window.fetch || !window.DOMParser) {
            return;
        }
        event.preventDefault();
        if (busy) {
            return;
        }
        busy = true;
        var data = new FormData(form);
        data.append(button.name, button.value);
        fetch(form.action, {
            method: "POST", credentials: "same-origin", body: new URLSearchParams(data),
            headers: { "Accept": "text/html" }
        }).then(function (response) {
            if (!response.ok || response.redirected) {
                throw new Error("status " + response.status);
            }
            return response.text();
        }).then(function (html) {
            var page = new DOMParser().parseFromString(html, "text/html");
            var state = page.querySelector("input[name='jakarta.faces.ViewState']");
            var mine = form.querySelector("input[name='jakarta.faces.ViewState']");
            if (state && mine) {
                mine.value = state.value;
            }
            messages(page);
            answer(page);
            swap("counts", page);
            field.value = "";
            field.focus();
            busy = false;
        }).catch(function () {
            // Whatever went wrong (signed out, the server's page expired): let the browser post the form itself.
            busy = false;
            native = true;
            form.requestSubmit ? form.requestSubmit(button) : button.click();
        });
    });

    // ---- Camera, where the browser can read QR codes itself.
    var camera = document.getElementById("camera");
    if (!camera || !("BarcodeDetector" in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        return;
    }
    var start = document.getElementById("camera-start");
    var stop = document.getElementById("camera-stop");
    var view = document.getElementById("camera-view");
    var status = document.getElementById("camera-status");
    var stream = null;
    var detector = null;
    var last = null;
    var lastAt = 0;

    function look() {
        if (!stream) {
            return;
        }
        detector.detect(view).then(function (codes) {
            var now = Date.now();
            if (codes.length > 0 && !busy && (codes[0].rawValue !== last || now - lastAt > 3000)) {
                last = codes[0].rawValue;
                lastAt = now;
                field.value = last;
                form.requestSubmit ? form.requestSubmit(button) : button.click();
            }
        }).catch(function () { /* a frame that could not be read */ }).then(function () {
            window.setTimeout(look, 250);
        });
    }

    function end() {
        if (stream) {
            stream.getTracks().forEach(function (track) { track.stop(); });
        }
        stream = null;
        view.hidden = true;
        stop.hidden = true;
        start.hidden = false;
        start.focus();
    }

    BarcodeDetector.getSupportedFormats().then(function (formats) {
        if (formats.indexOf("qr_code") < 0) {
            return;
        }
        detector = new BarcodeDetector({ formats: ["qr_code"] });
        camera.hidden = false;
        start.addEventListener("click", function () {
            navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (media) {
                stream = media;
                view.srcObject = media;
                view.hidden = false;
                start.hidden = true;
                stop.hidden = false;
                status.textContent = "";
                view.play();
                look();
                field.focus();
            }).catch(function () {
                status.textContent = camera.getAttribute("data-denied");
            });
        });
        stop.addEventListener("click", end);
    });
})();
