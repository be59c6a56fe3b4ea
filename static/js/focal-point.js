// The focal-point picker: a click on the preview sets the two numeric fields.
// Without JavaScript the fields work as they are.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".focal-picker").forEach(function (picker) {
    var img = picker.querySelector("img");
    var marker = picker.querySelector(".focal-marker");
    var inputX = document.getElementById(picker.dataset.x);
    var inputY = document.getElementById(picker.dataset.y);
    if (!img || !marker || !inputX || !inputY) return;

    function clamp(value) {
      return Math.min(1, Math.max(0, value));
    }
    function show() {
      var x = clamp(parseFloat(inputX.value));
      var y = clamp(parseFloat(inputY.value));
      if (isNaN(x) || isNaN(y)) {
        marker.hidden = true;
        return;
      }
      marker.style.left = x * 100 + "%";
      marker.style.top = y * 100 + "%";
      marker.hidden = false;
    }
    img.addEventListener("click", function (event) {
      var box = img.getBoundingClientRect();
      inputX.value = clamp((event.clientX - box.left) / box.width).toFixed(3);
      inputY.value = clamp((event.clientY - box.top) / box.height).toFixed(3);
      show();
    });
    inputX.addEventListener("input", show);
    inputY.addEventListener("input", show);
    picker.classList.add("is-active");
    show();
  });
});
