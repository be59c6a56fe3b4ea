// Share links: "Copy link" puts the absolute address on the clipboard and says so.
(function () {
  "use strict";
  function say(button, text) {
    var status = button.parentNode.querySelector(".copy-status");
    if (status) status.textContent = text;
  }
  function fallback(button) {
    // Without the clipboard API (a page served over plain HTTP from another host),
    // select the address so the editor can copy it by hand.
    var link = button.parentNode.querySelector("a");
    var range = document.createRange();
    range.selectNodeContents(link);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    say(button, "Selected: press Ctrl+C or ⌘C to copy.");
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".copy-link") : null;
    if (!button) return;
    event.preventDefault();
    var address = button.getAttribute("data-copy");
    if (!navigator.clipboard || !window.isSecureContext) {
      fallback(button);
      return;
    }
    navigator.clipboard.writeText(address).then(
      function () { say(button, "Copied."); },
      function () { fallback(button); }
    );
  });
})();
