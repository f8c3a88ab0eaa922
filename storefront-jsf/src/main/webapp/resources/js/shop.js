/*
 * The shop's only script (CSP: scripts from this site only, none inline). Pages work without it;
 * with it, the cart counts down to the end of the hold and the order page follows its payment.
 *
 * Cart: [data-expires-at] (ISO instant) with [data-server-now] (the server's clock when the page
 * was made, so a device whose clock is off still counts right). Shows mm:ss, reveals the warning
 * [data-warn-seconds] before the end (an alert: screen readers announce it once), and at the end
 * reloads the page, which then says from the server that the hold ran out.
 *
 * Order: [data-poll="true"] with [data-status]: asks the same page again, every 3 s and slower
 * later, and reloads when the status has changed (PENDING to PAID, or declined, or expired).
 */
(function () {
    "use strict";

    function countdown(timer) {
        var end = Date.parse(timer.getAttribute("data-expires-at"));
        var skew = Date.parse(timer.getAttribute("data-server-now")) - Date.now();
        var warnAt = parseInt(timer.getAttribute("data-warn-seconds") || "120", 10);
        var remaining = timer.querySelector(".remaining");
        var warning = timer.querySelector(".timer-warning");
        var ended = timer.querySelector(".timer-ended");
        var warned = false;
        if (isNaN(end) || isNaN(skew)) {
            return;
        }
        function tick() {
            var left = Math.max(0, Math.round((end - (Date.now() + skew)) / 1000));
            var minutes = Math.floor(left / 60);
            var seconds = left % 60;
            remaining.textContent = "(" + minutes + ":" + (seconds < 10 ? "0" : "") + seconds + ")";
            if (left <= warnAt && left > 0 && !warned) {
                warned = true;
                warning.textContent = warning.getAttribute("data-text");
                warning.hidden = false;
            }
            if (left === 0) {
                ended.hidden = false;
                warning.hidden = true;
                window.setTimeout(function () { window.location.reload(); }, 1500);
                return;
            }
            window.setTimeout(tick, 1000);
        }
        tick();
    }

    function follow(status) {
        var current = status.getAttribute("data-status");
        var delay = 3000;
        var asked = 0;
        function ask() {
            asked++;
            fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
                .then(function (response) { return response.ok ? response.text() : null; })
                .then(function (html) {
                    if (html) {
                        var page = new DOMParser().parseFromString(html, "text/html");
                        var now = page.querySelector("[data-status]");
                        if (now && now.getAttribute("data-status") !== current) {
                            window.location.reload();
                            return;
                        }
                    }
                    again();
                })
                .catch(again);
        }
        function again() {
            // every 3 s for a minute, then every 10 s: a payment left open does not keep asking fast
            window.setTimeout(ask, asked < 20 ? delay : 10000);
        }
        again();
    }

    document.addEventListener("DOMContentLoaded", function () {
        document.querySelectorAll("[data-expires-at]").forEach(countdown);
        document.querySelectorAll("[data-poll='true'][data-status]").forEach(follow);
    });
})();
