// Live character counts under the headline, dek and search fields, against the
// length search results and social cards show before they cut a line short. The
// headline and dek wrap as they grow but take no line break: Enter adds none.
(function () {
  "use strict";
  function start() {
    document.querySelectorAll("[data-one-line]").forEach(function (field) {
      field.addEventListener("keydown", function (event) {
        if (event.key === "Enter") event.preventDefault();
      });
    });
    document.querySelectorAll("[data-count-limit]").forEach(function (field) {
      var line = document.getElementById(field.dataset.countId);
      if (!line) return;
      var number = line.querySelector("[data-count]");
      var limit = parseInt(field.dataset.countLimit, 10);
      var over = line.querySelector("[data-over]");
      if (!over) {
        over = document.createElement("span");
        over.setAttribute("data-over", "");
        line.appendChild(over);
      }
      function update() {
        var length = field.value.length;
        number.textContent = length;
        line.classList.toggle("desk-count-over", length > limit);
        over.textContent = length > limit ? " (" + (length - limit) + " over: the end will be cut)" : "";
      }
      field.addEventListener("input", update);
      update();
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
