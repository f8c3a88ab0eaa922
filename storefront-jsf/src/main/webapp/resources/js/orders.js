/*
 * The order page's script (CSP: from this site, none inline). Every action form there carries the question to
 * confirm in data-confirm (a button may carry its own); the form is sent only when the person says yes. Without
 * script the forms post straight away: the server still decides everything (and a refund form sent twice refunds
 * once, by its idempotency key).
 */
(function () {
    "use strict";

    document.addEventListener("submit", function (event) {
        var form = event.target;
        if (!form || !form.hasAttribute || !form.hasAttribute("data-confirm")) {
            return;
        }
        var submitter = event.submitter;
        var question = submitter && submitter.getAttribute("data-confirm") ? submitter.getAttribute("data-confirm")
            : form.getAttribute("data-confirm");
        if (!window.confirm(question)) {
            event.preventDefault();
        }
    });
}());
