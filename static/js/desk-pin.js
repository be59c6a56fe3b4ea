// "Pin to slot N" in the story form's side column: pins the story without leaving
// the form (its unsaved edits stay), and says what moved. Without JavaScript the
// button posts the form to the same address and the story opens again.
(function () {
  "use strict";

  function setUp(box) {
    var input = box.querySelector("#desk-pin-slot");
    var button = box.querySelector(".desk-pin-button");
    var number = box.querySelector(".desk-pin-n");
    var said = box.querySelector(".desk-pin-said");
    var state = box.querySelector(".desk-pin-state");
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");

    input.addEventListener("input", function () {
      number.textContent = input.value || "…";
    });
    input.addEventListener("keydown", function (event) {
      // Enter in the slot pins, rather than saving the whole story.
      if (event.key === "Enter") {
        event.preventDefault();
        button.click();
      }
    });
    function send(retry) {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", token ? token.value : "");
      data.append("pin_slot", input.value);
      return fetch(box.dataset.url, {
        method: "POST",
        body: data,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.json().then(
            function (answer) {
              return { ok: response.ok, answer: answer };
            },
            function () {
              return {
                ok: false,
                answer: { error: "The pin was refused (the server answered " + response.status + "); nothing changed." },
              };
            }
          );
        })
        .catch(function (error) {
          // The connection dropped (a phone between cells): pinning the same story to
          // the same slot twice is harmless, so try once more before saying so.
          if (retry) {
            return new Promise(function (resolve) {
              setTimeout(resolve, 500);
            }).then(function () {
              return send(false);
            });
          }
          return { ok: false, answer: { error: "The pin could not be sent; nothing changed. Check the connection and try again." } };
        });
    }

    button.addEventListener("click", function (event) {
      event.preventDefault();
      button.disabled = true;
      said.textContent = "Pinning…";
      said.classList.remove("desk-pin-error");
      send(true)
        .then(function (result) {
          if (result.ok) {
            said.textContent = result.answer.message;
            state.textContent = "Pinned to slot " + input.value + ".";
          } else {
            said.textContent = result.answer.error || "The pin was refused.";
            said.classList.add("desk-pin-error");
          }
        })
        .finally(function () {
          button.disabled = false;
        });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".desk-pin").forEach(setUp);
  });
})();
