/*
 * The finance page's script (CSP: from this site, none inline). Without it the page works: a background
 * report's state is read by reloading. With it, each report still being made is asked for its progress every
 * 2 s (GET its status URL, JSON), its bar and words are updated, and its download link appears when ready;
 * the words are a status region, so screen readers hear "Ready" without losing their place.
 */
(function () {
    "use strict";

    var labels = document.getElementById("jobs");
    if (!labels || !window.fetch) {
        return;
    }

    function follow(item) {
        var url = item.getAttribute("data-status-url");
        var bar = item.querySelector(".job-progress");
        var words = item.querySelector(".job-status");
        var link = item.querySelector(".job-file");
        var timer = setInterval(function () {
            fetch(url, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
                .then(function (r) { return r.ok ? r.json() : null; })
                .then(function (job) {
                    if (!job) {
                        return;
                    }
                    bar.value = job.percent;
                    bar.textContent = job.percent + " %";
                    var text = labels.getAttribute("data-status-" + job.status.toLowerCase()) || job.status;
                    if (job.rowsTotal !== undefined && job.status !== "READY" && job.status !== "FAILED") {
                        text += " · " + (labels.getAttribute("data-rows") || "{0} / {1}")
                            .replace("{0}", job.rowsDone.toLocaleString(document.documentElement.lang))
                            .replace("{1}", job.rowsTotal.toLocaleString(document.documentElement.lang));
                    }
                    if (words.textContent !== text) {
                        words.textContent = text;
                    }
                    item.setAttribute("data-status", job.status);
                    if (job.status === "READY" || job.status === "FAILED") {
                        clearInterval(timer);
                        if (job.file) {
                            link.href = job.file;
                            link.hidden = false;
                        }
                    }
                })
                .catch(function () { /* the next tick asks again */ });
        }, 2000);
    }

    var items = labels.querySelectorAll("li.job");
    for (var i = 0; i < items.length; i++) {
        var status = items[i].getAttribute("data-status");
        if (status === "QUEUED" || status === "RUNNING") {
            follow(items[i]);
        }
    }
}());
