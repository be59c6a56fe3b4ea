// Tag suggestions beside the countries and people fields. The server reads the
// story's current headline, dek and body (when the form opens, on "Suggest tags
// from the text", and a moment after the text changes) and says which countries
// and people it names, and why; one click adds one to its field as if typed
// there. An imported draft's first suggestions come drawn into the page. A new
// person stays a token until the story is saved, as when typed.
(function () {
  "use strict";

  var FIELDS = [
    { name: "country_list", noun: "countries", title: "Suggested from the text" },
    { name: "person_list", noun: "people", title: "Suggested from the text" },
  ];
  // Typing pauses this long before the text is read again.
  var WAIT = 1500;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function start() {
    var panel = document.getElementById("desk-tag-suggest");
    var form = document.getElementById("story_form");
    if (!panel || !form) return;
    var status = panel.querySelector(".desk-suggest-status");
    var again = panel.querySelector(".desk-suggest-refresh");
    var shelves = [];
    var found = null;
    var timer = null;
    var asked = 0;

    function say(text) {
      // Cleared first, so the same words said twice are read twice.
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }

    function chosen(shelf) {
      return Array.prototype.map.call(
        shelf.tokens.querySelectorAll('.desk-token-list input[name="' + shelf.name + '"]'),
        function (hidden) { return hidden.value; }
      );
    }

    function text(name) {
      var field = form.elements.namedItem(name);
      return field && field.value ? field.value : "";
    }

    FIELDS.forEach(function (field) {
      var tokens = form.querySelector('.desk-tokens[data-name="' + field.name + '"]');
      if (!tokens) return;
      var section = element("section", "desk-tag-suggestions");
      var heading = section.appendChild(element("h3", "", field.title));
      heading.id = field.name + "-suggested";
      section.setAttribute("aria-labelledby", heading.id);
      var list = section.appendChild(element("ul", "desk-suggestion-list"));
      section.hidden = true;
      tokens.after(section);
      shelves.push({
        name: field.name,
        noun: field.noun,
        tokens: tokens,
        section: section,
        list: list,
        input: tokens.querySelector(".desk-combo-input"),
      });
    });
    if (!shelves.length) return;
    shelves[shelves.length - 1].section.after(panel);
    panel.hidden = false;

    function take(shelf, item, line) {
      shelf.tokens.dispatchEvent(new CustomEvent("desk:add", {
        detail: { value: item.value, label: item.label, note: item.is_new ? "new" : "" },
      }));
      var next = line.nextElementSibling || line.previousElementSibling;
      line.remove();
      shelf.section.hidden = !shelf.list.children.length;
      say(item.label + (item.is_new ? ", a new person," : "") + " added to " + shelf.noun + ".");
      var focus = next ? next.querySelector("button") : shelf.input;
      if (focus) focus.focus();
    }

    function suggestion(shelf, item, n) {
      var line = element("li", "desk-suggestion");
      var words = line.appendChild(element("span", "desk-row-text"));
      words.appendChild(element("span", "desk-token-label", item.label));
      if (item.is_new) {
        words.appendChild(document.createTextNode(" "));
        words.appendChild(element("span", "desk-badge desk-badge-new", "new person"));
      }
      var why = element("span", "desk-suggest-why", item.explanation);
      why.id = shelf.name + "-why-" + n;
      words.appendChild(why);
      var add = line.appendChild(element("button", "button desk-suggestion-add", "Add"));
      add.type = "button";
      add.setAttribute("aria-label", "Add " + item.label + " to " + shelf.noun);
      add.setAttribute("aria-describedby", why.id);
      add.addEventListener("click", function () { take(shelf, item, line); });
      return line;
    }

    function show() {
      if (!found) return;
      shelves.forEach(function (shelf) {
        var have = chosen(shelf);
        var items = (found[shelf.noun] || []).filter(function (item) {
          return have.indexOf(item.value) < 0;
        });
        shelf.list.textContent = "";
        items.forEach(function (item, n) { shelf.list.appendChild(suggestion(shelf, item, n)); });
        shelf.section.hidden = !items.length;
      });
    }

    function counted() {
      var parts = shelves.map(function (shelf) {
        var count = shelf.list.children.length;
        return count + " " + (count === 1 ? shelf.noun.replace(/ies$/, "y").replace("people", "person") : shelf.noun);
      });
      return parts.join(" and ") + " suggested from the text.";
    }

    function ask(aloud) {
      window.clearTimeout(timer);
      var mine = ++asked;
      var data = new URLSearchParams();
      ["headline", "dek", "body"].forEach(function (name) { data.append(name, text(name)); });
      data.append("tags-shown", "1");
      shelves.forEach(function (shelf) {
        chosen(shelf).forEach(function (value) { data.append(shelf.name, value); });
      });
      var token = form.querySelector("input[name=csrfmiddlewaretoken]");
      panel.setAttribute("aria-busy", "true");
      fetch(panel.dataset.url, {
        method: "POST",
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": token ? token.value : "" },
        body: data,
      })
        .then(function (response) {
          // A refusal from before the view (a login page, a proxy) is not JSON.
          return response.json().catch(function () { return {}; }).then(function (body) {
            return { ok: response.ok && Boolean(body.countries), body: body };
          });
        })
        .then(function (result) {
          if (mine !== asked) return;
          panel.removeAttribute("aria-busy");
          if (!result.ok) {
            say("No suggestions: " + (result.body.error || "the text could not be read."));
            return;
          }
          found = result.body;
          show();
          if (aloud) say(counted());
        })
        .catch(function () {
          if (mine !== asked) return;
          panel.removeAttribute("aria-busy");
          if (aloud) say("No suggestions: the server could not be reached.");
        });
    }

    again.addEventListener("click", function () { ask(true); });
    form.addEventListener("input", function (event) {
      var name = event.target.name;
      if (name !== "body" && name !== "headline" && name !== "dek") return;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { ask(false); }, WAIT);
    });
    form.addEventListener("desk:changed", function (event) {
      if (event.target.closest(".desk-tokens")) show();
    });
    // An imported draft comes with its suggestions; any other story asks.
    var initial = document.getElementById("desk-tag-suggest-initial");
    if (initial) {
      found = JSON.parse(initial.textContent);
      show();
    } else if (text("body") || text("headline")) {
      ask(false);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
