// Related headlines in place: search our stories by headline (or paste an outside
// link) and add one with Enter or a click; reorder by dragging or with the arrow
// buttons; and add with one click a suggested story, published and sharing this
// story's countries and people, refreshed as the tags change.
(function () {
  "use strict";

  var URL_START = /^https?:\/\/\S+$/i;

  var element = window.DeskCombobox.element;
  var button = window.DeskCombobox.button;

  function Related(root) {
    var name = root.dataset.name;
    var story = root.dataset.story;
    var list = root.querySelector(".desk-related-list");
    var input = root.querySelector(".desk-combo-input");
    var suggested = root.querySelector(".desk-suggestions");
    var form = root.closest("form");
    var say = window.DeskCombobox.announcer(root);
    var getJSON = window.DeskCombobox.getJSON;
    var pending = null;

    function chosen() {
      return Array.prototype.map.call(
        list.querySelectorAll('input[name="' + name + '"]'),
        function (hidden) { return hidden.value; }
      );
    }

    function hidden(fieldName, value) {
      var node = element("input");
      node.type = "hidden";
      node.name = fieldName;
      node.value = value;
      return node;
    }

    function row(item) {
      var line = element("li", item.isUrl ? "desk-row desk-row-url" : "desk-row");
      line.appendChild(element("span", "desk-handle", "⠿")).setAttribute("aria-hidden", "true");
      var text = line.appendChild(element("span", "desk-row-text"));
      text.appendChild(element("span", "desk-token-label", item.label));
      if (item.note) {
        text.appendChild(document.createTextNode(" "));
        text.appendChild(element("span", "desk-token-note", item.note));
      }
      line.appendChild(hidden(name, item.value));
      var title;
      if (item.isUrl) {
        title = element("input");
        title.type = "text";
        title.name = name + "-title";
        title.maxLength = 200;
        title.placeholder = "Title readers see";
        title.setAttribute("aria-label", "Title of the link to " + item.label);
        line.appendChild(title);
      } else {
        line.appendChild(hidden(name + "-title", ""));
      }
      var tools = line.appendChild(element("span", "desk-row-tools"));
      tools.appendChild(button("desk-move-up", "↑", "Move " + item.label + " up"));
      tools.appendChild(button("desk-move-down", "↓", "Move " + item.label + " down"));
      tools.appendChild(button("desk-token-remove", "×", "Remove " + item.label));
      return { line: line, title: title };
    }

    function add(item) {
      if (chosen().indexOf(item.value) >= 0) {
        say(item.label + " is already there.");
        return;
      }
      var made = row(item);
      list.appendChild(made.line);
      say(item.label + " added as related headline " + chosen().length + ".");
      if (made.title) made.title.focus();
      refresh();
    }

    list.addEventListener("click", function (event) {
      var remove = event.target.closest(".desk-token-remove");
      if (!remove) return;
      var line = remove.closest("li");
      say(line.querySelector(".desk-token-label").textContent + " removed.");
      line.remove();
      input.focus();
      refresh();
    });

    new window.DeskCombobox(input, {
      fetch: function (text) {
        if (URL_START.test(text)) return Promise.resolve([]);
        return getJSON(root.dataset.lookup, { q: text, exclude: [story].concat(chosen()) });
      },
      exclude: chosen,
      extra: function (text) {
        if (!URL_START.test(text)) return [];
        return [{ id: "url:" + text, label: "Add the outside link " + text, url: text, isUrl: true }];
      },
      choose: function (item) {
        if (item.isUrl) add({ value: "url:" + item.url, label: item.url, isUrl: true });
        else add({ value: String(item.id), label: item.label, note: item.note });
      },
      nothing: function (text) { say("No story matches " + text + "."); },
    });
    window.DeskSortable(list, say);

    function tags(fieldName) {
      return Array.prototype.map.call(
        form.querySelectorAll('input[name="' + fieldName + '"]'),
        function (node) { return node.value; }
      ).filter(function (value) { return /^\d+$/.test(value); });
    }

    function suggestion(item) {
      var line = element("li", "desk-suggestion");
      var text = line.appendChild(element("span", "desk-row-text"));
      text.appendChild(element("span", "desk-token-label", item.label));
      text.appendChild(document.createTextNode(" "));
      text.appendChild(element("span", "desk-token-note", item.note));
      var take = line.appendChild(button("button desk-suggestion-add", "Add", "Add " + item.label));
      take.addEventListener("click", function () {
        add({ value: String(item.id), label: item.label, note: item.note });
        input.focus();
      });
      return line;
    }

    function refresh() {
      window.clearTimeout(pending);
      pending = window.setTimeout(function () {
        getJSON(root.dataset.suggestions, {
          story: story,
          country: tags("country_list"),
          person: tags("person_list"),
          exclude: chosen(),
        }).then(function (results) {
          var shelf = suggested.querySelector(".desk-suggestion-list");
          shelf.textContent = "";
          results.forEach(function (item) { shelf.appendChild(suggestion(item)); });
          suggested.hidden = results.length === 0;
        }).catch(function () {});
      }, 200);
    }

    form.addEventListener("desk:changed", function (event) {
      if (event.target.closest(".desk-tokens")) refresh();
    });
    refresh();
  }

  function start() {
    document.querySelectorAll(".desk-related").forEach(Related);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
