// The story form's action bar: Preview shows the unsaved story in a pane on this
// page (without the script it opens in a new tab), and Schedule… puts the cursor
// straight into its time, where Enter schedules. A correction or share link just
// added gets the cursor in its text.
(function () {
  "use strict";
  function start() {
    var form = document.getElementById("story_form");
    if (!form) return;
    var dialog = document.getElementById("desk-preview");
    var preview = form.querySelector("[data-desk-preview]");
    if (dialog && preview && dialog.showModal) {
      var frame = dialog.querySelector("iframe");
      preview.setAttribute("formtarget", frame.name);
      preview.addEventListener("click", function () { dialog.showModal(); });
      dialog.querySelector("[data-desk-close]").addEventListener("click", function () {
        dialog.close();
      });
      dialog.addEventListener("close", function () {
        frame.src = "about:blank";
        preview.focus();
      });
    }
    var schedule = form.querySelector(".desk-schedule");
    if (schedule) {
      var when = schedule.querySelector("input");
      var confirm = schedule.querySelector("button[value=schedule]");
      schedule.addEventListener("toggle", function () {
        if (schedule.open) when.focus();
      });
      when.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault();
          confirm.click();
        }
      });
      schedule.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && schedule.open) {
          schedule.open = false;
          schedule.querySelector("summary").focus();
        }
      });
    }
  }
  document.addEventListener("formset:added", function (event) {
    var text = event.target.querySelector && event.target.querySelector(
      "textarea, input[type=text]"
    );
    if (text) text.focus();
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
