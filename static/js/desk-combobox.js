// A text box that offers matches as one types, after the ARIA combobox pattern:
// arrows move through the matches, Enter picks one, Escape closes the list. Enter
// never submits the form from here, and an Enter typed before the matches arrive
// waits for them. The token fields and the related headlines build on it.
(function () {
  "use strict";

  function fold(text) {
    return (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  function getJSON(url, params) {
    var query = new URLSearchParams();
    Object.keys(params || {}).forEach(function (key) {
      [].concat(params[key]).forEach(function (value) {
        if (value !== undefined && value !== null && value !== "") query.append(key, value);
      });
    });
    return fetch(url + "?" + query.toString(), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { return data.results || []; });
  }

  function Combobox(input, options) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var shown = [];
    var active = -1;
    var timer = null;
    var asked = 0;
    var dirty = false;
    var enterWaiting = false;

    function open(on) {
      list.hidden = !on;
      input.setAttribute("aria-expanded", on ? "true" : "false");
      if (!on) input.removeAttribute("aria-activedescendant");
    }

    function setActive(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (item, n) {
        item.setAttribute("aria-selected", n === index ? "true" : "false");
      });
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", list.children[index].id);
        list.children[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(items) {
      shown = items;
      list.textContent = "";
      items.forEach(function (item, n) {
        var option = document.createElement("li");
        option.id = list.id + "-" + n;
        option.className = "desk-combo-option";
        option.setAttribute("role", "option");
        var label = document.createElement("span");
        label.textContent = item.label;
        option.appendChild(label);
        if (item.note) {
          var note = document.createElement("span");
          note.className = "desk-token-note";
          note.textContent = item.note;
          option.appendChild(note);
        }
        // Keep the cursor in the box while the mouse picks.
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { pick(n); });
        list.appendChild(option);
      });
      open(items.length > 0);
      setActive(items.length ? 0 : -1);
    }

    function pick(index) {
      var item = shown[index];
      if (!item) return;
      input.value = "";
      dirty = false;
      render([]);
      // Back in the box for the next one, unless choosing moves the cursor on.
      input.focus();
      options.choose(item);
    }

    function search() {
      timer = null;
      var text = input.value.trim();
      var mine = ++asked;
      if (!text) {
        dirty = false;
        enterWaiting = false;
        render([]);
        return;
      }
      options.fetch(text).then(function (results) {
        if (mine !== asked) return;
        var taken = options.exclude ? options.exclude() : [];
        results = results.filter(function (item) {
          return taken.indexOf(String(item.id)) < 0;
        });
        render(results.concat(options.extra ? options.extra(text, results) : []));
        dirty = false;
        if (enterWaiting) {
          enterWaiting = false;
          if (active >= 0) pick(active);
          else if (options.nothing) options.nothing(text);
        }
      }).catch(function () { dirty = false; enterWaiting = false; });
    }

    input.addEventListener("input", function () {
      dirty = true;
      enterWaiting = false;
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 150);
    });

    input.addEventListener("keydown", function (event) {
      var count = shown.length;
      if (event.key === "ArrowDown" && count) {
        event.preventDefault();
        if (list.hidden) open(true);
        setActive((active + 1) % count);
      } else if (event.key === "ArrowUp" && count) {
        event.preventDefault();
        if (list.hidden) open(true);
        setActive((active - 1 + count) % count);
      } else if (event.key === "Enter") {
        event.preventDefault();
        if (dirty) {
          enterWaiting = true;
          if (timer) {
            window.clearTimeout(timer);
            search();
          }
        } else if (active >= 0 && !list.hidden) {
          pick(active);
        } else if (input.value.trim() && options.nothing) {
          options.nothing(input.value.trim());
        }
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        open(false);
      } else if (event.key === "Backspace" && !input.value && options.removeLast) {
        options.removeLast();
      }
    });

    input.addEventListener("blur", function () {
      window.setTimeout(function () { open(false); }, 150);
    });
    input.addEventListener("focus", function () {
      if (shown.length) open(true);
    });
  }

  // A region's polite announcement, for screen readers.
  function announcer(root) {
    var live = root.querySelector(".desk-live");
    return function (message) {
      if (!live) return;
      live.textContent = "";
      window.setTimeout(function () { live.textContent = message; }, 50);
    };
  }

  // Small builders the desk's widgets share.
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function button(className, text, label) {
    var node = element("button", className, text);
    node.type = "button";
    node.setAttribute("aria-label", label);
    return node;
  }

  window.DeskCombobox = Combobox;
  window.DeskCombobox.element = element;
  window.DeskCombobox.button = button;
  window.DeskCombobox.getJSON = getJSON;
  window.DeskCombobox.fold = fold;
  window.DeskCombobox.announcer = announcer;
})();
