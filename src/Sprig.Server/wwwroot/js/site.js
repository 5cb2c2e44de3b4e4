// Sprig's few lines of browser code: the CSRF token on htmx requests, confirmations before money moves (naming the amount),
// flash-sale countdowns on the server's clock, and charts drawn by Chart.js from data the page carries.
(function () {
  "use strict";
  var token = document.querySelector('meta[name="csrf-token"]');

  document.addEventListener("htmx:configRequest", function (e) {
    if (token) e.detail.headers["RequestVerificationToken"] = token.content;
  });

  // <form data-confirm="..."> asks before it submits (every action that moves money has one); ¥{name} in the
  // text shows what the form's field of that name holds, as yuan, so the question names the amount at stake
  function question(form) {
    return form.getAttribute("data-confirm").replace(/¥\{(\w+)\}/g, function (all, name) {
      var field = form.elements[name], n = field ? Number(String(field.value).replace(/[,¥￥\s]/g, "")) : NaN;
      return field && field.value !== "" && !isNaN(n) ? "¥" + n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : "¥—";
    });
  }

  document.addEventListener("submit", function (e) {
    var form = e.target.closest("form[data-confirm]");
    if (form && !window.confirm(question(form))) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }, true);

  // <select data-autosubmit> re-submits its form (checkout's coupon choice re-prices the order)
  document.addEventListener("change", function (e) {
    if (e.target.matches && e.target.matches("[data-autosubmit]") && e.target.form) e.target.form.requestSubmit();
  });

  // countdowns run on the server's clock (it may be the manual clock of a demo), not the browser's
  function tick() {
    document.querySelectorAll("[data-countdown]").forEach(function (el) {
      var offset = Number(el.getAttribute("data-offset"));
      if (isNaN(offset)) {
        offset = Date.parse(el.getAttribute("data-now")) - Date.now();
        el.setAttribute("data-offset", String(offset));
      }
      var left = Math.max(0, Date.parse(el.getAttribute("data-countdown")) - (Date.now() + offset));
      var s = Math.floor(left / 1000), d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
      var pad = function (n) { return (n < 10 ? "0" : "") + n; };
      el.textContent = left === 0 ? el.getAttribute("data-ended") : (d > 0 ? d + el.getAttribute("data-days") + " " : "") + pad(h) + ":" + pad(m) + ":" + pad(s % 60);
    });
  }

  function charts(root) {
    if (!window.Chart) return;
    root.querySelectorAll("canvas[data-chart]:not([data-drawn])").forEach(function (canvas) {
      var config = JSON.parse(document.getElementById(canvas.getAttribute("data-chart")).textContent);
      config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
      canvas.setAttribute("data-drawn", "1");
      new window.Chart(canvas, config);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    tick();
    setInterval(tick, 1000);
    charts(document);
  });
  document.addEventListener("htmx:afterSettle", function (e) { charts(e.target); tick(); });
})();
