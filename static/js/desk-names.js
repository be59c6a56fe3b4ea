// Boxes that scripts draw in place of a form field carry that field's label, so a
// screen reader names them: the body editor (Tiptap) and the admin's search boxes
// (select2, the lead image's).
(function () {
  "use strict";

  function labelFor(id) {
    var label = id && document.querySelector('label[for="' + id + '"]');
    if (!label) return null;
    if (!label.id) label.id = id + "-label";
    return label;
  }

  function nameEditor(editable, textarea) {
    var label = labelFor(textarea && textarea.id);
    if (label && !editable.hasAttribute("aria-labelledby")) {
      editable.setAttribute("aria-labelledby", label.id);
    }
  }

  function nameSearchBoxes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = labelFor(select.id);
      var box = select.nextElementSibling;
      if (!label || !box) return;
      var combo = box.querySelector(".select2-selection[role=combobox]");
      var shown = box.querySelector(".select2-selection__rendered");
      if (combo && shown) {
        combo.setAttribute("aria-labelledby", label.id + " " + shown.id);
        shown.setAttribute("aria-labelledby", label.id);
      }
    });
    document.querySelectorAll(".prose-editor").forEach(function (wrapper) {
      var editable = wrapper.querySelector("[contenteditable]");
      if (editable) nameEditor(editable, wrapper.querySelector("textarea"));
    });
  }

  document.addEventListener("prose-editor:ready", function (event) {
    nameEditor(event.detail.editor.view.dom, event.detail.textarea);
  });
  // The search boxes are drawn by jQuery once the page is ready, and again for
  // rows added later: name them whenever the page grows.
  var pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      nameSearchBoxes();
    });
  }
  function start() {
    nameSearchBoxes();
    new MutationObserver(soon).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
