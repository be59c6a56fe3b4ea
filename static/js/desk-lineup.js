// The front-page screen: reorder the slots by dragging a story by its handle, or
// with its arrow buttons from the keyboard; the numbers follow, and the order of
// the rows is the order "Save this order" posts.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var list = document.querySelector(".desk-lineup[data-sortable]");
    if (!list || !window.DeskSortable) return;
    var live = document.querySelector(".desk-lineup-form .desk-live");
    window.DeskSortable(list, function (text) {
      live.textContent = text;
    });
    // The numbers follow the rows however they moved.
    new MutationObserver(function () {
      list.querySelectorAll(".desk-lineup-slot").forEach(function (slot, n) {
        slot.textContent = String(n + 1);
      });
    }).observe(list, { childList: true });
  });
})();
