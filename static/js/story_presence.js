// Who else has this story open: refreshed while the change form is open.
// Progressive enhancement: without JavaScript the line is filled once on load.
(function () {
  "use strict";
  function start() {
    var line = document.getElementById("story-presence");
    var form = document.getElementById("story_form");
    if (!line || !form || !window.fetch) return;
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    function refresh() {
      fetch(line.dataset.url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "" },
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) return;
          line.textContent = data.others
            .map(function (o) { return o.name + " has been editing since " + o.since + "."; })
            .join(" ");
        })
        .catch(function () {});
    }
    refresh();
    window.setInterval(refresh, 15000);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
