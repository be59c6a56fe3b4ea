// Rows in an order that matters (bylines, related headlines): drag a row by its
// handle with a mouse or a finger, or move it with its arrow buttons from the
// keyboard. The order of the rows is the order the form posts.
(function () {
  "use strict";

  function labelOf(row) {
    var label = row.querySelector(".desk-token-label");
    return label ? label.textContent : "Row";
  }

  function Sortable(list, announce) {
    function moved(row) {
      var rows = Array.prototype.slice.call(list.children);
      announce(labelOf(row) + " is now " + (rows.indexOf(row) + 1) + " of " + rows.length + ".");
      list.dispatchEvent(new CustomEvent("desk:changed", { bubbles: true }));
    }

    list.addEventListener("click", function (event) {
      var up = event.target.closest(".desk-move-up");
      var down = event.target.closest(".desk-move-down");
      if (!up && !down) return;
      var row = event.target.closest("li");
      if (up && row.previousElementSibling) {
        list.insertBefore(row, row.previousElementSibling);
      } else if (down && row.nextElementSibling) {
        list.insertBefore(row.nextElementSibling, row);
      } else {
        return;
      }
      (up || down).focus();
      moved(row);
    });

    list.addEventListener("pointerdown", function (event) {
      var handle = event.target.closest(".desk-handle");
      if (!handle || event.button > 0) return;
      event.preventDefault();
      var row = handle.closest("li");
      row.classList.add("desk-dragging");
      handle.setPointerCapture(event.pointerId);

      function follow(move) {
        var under = document.elementFromPoint(move.clientX, move.clientY);
        var target = under && under.closest("li");
        if (!target || target === row || target.parentNode !== list) return;
        var box = target.getBoundingClientRect();
        var before = move.clientY < box.top + box.height / 2;
        list.insertBefore(row, before ? target : target.nextElementSibling);
      }

      function drop() {
        handle.removeEventListener("pointermove", follow);
        handle.removeEventListener("pointerup", drop);
        handle.removeEventListener("pointercancel", drop);
        row.classList.remove("desk-dragging");
        moved(row);
      }

      handle.addEventListener("pointermove", follow);
      handle.addEventListener("pointerup", drop);
      handle.addEventListener("pointercancel", drop);
    });
  }

  window.DeskSortable = Sortable;
})();
