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
    marksForFields(viewer);
  }

  // A field the clerk looks at (focus or pointer) marks the lines of the scan its value was read from.
  function marksForFields(viewer) {
    var data = document.getElementById("field-marks");
    if (!data) { return; }
    var marks = JSON.parse(data.textContent);
    function clear() {
      viewer.querySelectorAll(".mark").forEach(function (mark) { mark.remove(); });
    }
    function show(key, scroll) {
      clear();
      var first = null;
      (marks[key] || []).forEach(function (found) {
        var wrap = viewer.querySelector('.scan-wrap[data-page="' + found[0] + '"]');
        if (!wrap) { return; }
        var mark = document.createElement("div");
        mark.className = "mark";
        mark.setAttribute("data-field", key);
        mark.style.left = (found[1] * 100) + "%";
        mark.style.top = (found[2] * 100) + "%";
        mark.style.width = ((found[3] - found[1]) * 100) + "%";
        mark.style.height = ((found[4] - found[2]) * 100) + "%";
        wrap.appendChild(mark);
        first = first || mark;
      });
      if (first && scroll) { first.scrollIntoView({block: "center", inline: "nearest"}); }
    }
    Object.keys(marks).forEach(function (key) {
      document.querySelectorAll('[name="' + key + '"]').forEach(function (input) {
        input.addEventListener("focus", function () { show(key, true); });
        input.addEventListener("mouseenter", function () { show(key, false); });
        input.addEventListener("blur", clear);
      });
    });
  }
  document.addEventListener("DOMContentLoaded", setup);
}());
