// Zoom for the scanned pages: buttons step the zoom, a click on a page toggles 100 % / 200 %.
// No framework, no inline script (the Content-Security-Policy allows scripts from this site only).
(function () {
  "use strict";
  var STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];
  function setup() {
    var viewer = document.getElementById("viewer");
    if (!viewer) { return; }
    var level = document.getElementById("zoom-level");
    var index = STEPS.indexOf(1);
    function apply() {
      viewer.style.setProperty("--zoom", String(STEPS[index]));
      if (level) { level.textContent = Math.round(STEPS[index] * 100) + "%"; }
    }
    viewer.querySelectorAll("button[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        var step = Number(button.getAttribute("data-zoom"));
        index = step === 0 ? STEPS.indexOf(1) : Math.min(STEPS.length - 1, Math.max(0, index + step));
        apply();
      });
    });
    viewer.querySelectorAll("img.scan").forEach(function (image) {
      image.addEventListener("click", function (event) {
        var rect = image.getBoundingClientRect();
        var fx = (event.clientX - rect.left) / rect.width;
        var fy = (event.clientY - rect.top) / rect.height;
        index = STEPS[index] >= 2 ? STEPS.indexOf(1) : STEPS.indexOf(2);
        apply();
        // Keep the clicked spot under the pointer, as a photo viewer does.
        var pages = document.getElementById("pages");
        var after = image.getBoundingClientRect();
        pages.scrollLeft += after.left + fx * after.width - event.clientX;
        pages.scrollTop += after.top + fy * after.height - event.clientY;
      });
    });
    apply();
  }
  document.addEventListener("DOMContentLoaded", setup);
}());
