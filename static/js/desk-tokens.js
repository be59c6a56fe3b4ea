// Countries, people and bylines typed into one field each: matches are offered as
// one types (accents and capitals aside, by the server), Enter adds the first, and
// for people a name nobody matches is added as a new person. Each token posts a
// hidden value; bylines also post a role and keep their order.
(function () {
  "use strict";

  var element = window.DeskCombobox.element;
  var button = window.DeskCombobox.button;

  function Tokens(root) {
    var name = root.dataset.name;
    var noun = root.dataset.noun;
    var list = root.querySelector(".desk-token-list");
    var input = root.querySelector(".desk-combo-input");
    var roles = root.querySelector(".desk-role-options");
    var isByline = root.hasAttribute("data-sortable");
    var allowNew = root.hasAttribute("data-allow-new");
    var say = window.DeskCombobox.announcer(root);
    var fold = window.DeskCombobox.fold;

    function values() {
      return Array.prototype.map.call(
        list.querySelectorAll('input[name="' + name + '"]'),
        function (hidden) { return hidden.value; }
      );
    }

    function changed() {
      root.dispatchEvent(new CustomEvent("desk:changed", { bubbles: true }));
    }

    function token(item) {
      var row = element("li", isByline ? "desk-token desk-row" : "desk-token");
      if (isByline) row.appendChild(element("span", "desk-handle", "⠿")).setAttribute("aria-hidden", "true");
      row.appendChild(element("span", "desk-token-label", item.label));
      var hidden = element("input");
      hidden.type = "hidden";
      hidden.name = name;
      hidden.value = item.value;
      row.appendChild(hidden);
      var tools = row;
      if (isByline) {
        var role = element("select");
        role.name = name + "-role";
        role.setAttribute("aria-label", "Role of " + item.label);
        role.appendChild(roles.content.cloneNode(true));
        row.appendChild(role);
        tools = row.appendChild(element("span", "desk-row-tools"));
        tools.appendChild(button("desk-move-up", "↑", "Move " + item.label + " up"));
        tools.appendChild(button("desk-move-down", "↓", "Move " + item.label + " down"));
      }
      tools.appendChild(button("desk-token-remove", "×", "Remove " + item.label));
      return row;
    }

    function add(item) {
      if (values().indexOf(item.value) >= 0) {
        say(item.label + " is already there.");
        return;
      }
      list.appendChild(token(item));
      say(item.label + " added; " + values().length + " " + noun + ".");
      changed();
    }

    // A token added from elsewhere (desk-suggest.js), as if chosen here.
    root.addEventListener("desk:add", function (event) { add(event.detail); });

    list.addEventListener("click", function (event) {
      var remove = event.target.closest(".desk-token-remove");
      if (!remove) return;
      var row = remove.closest("li");
      var label = row.querySelector(".desk-token-label").textContent;
      row.remove();
      say(label + " removed.");
      input.focus();
      changed();
    });

    new window.DeskCombobox(input, {
      fetch: function (text) {
        return window.DeskCombobox.getJSON(root.dataset.lookup, { q: text });
      },
      exclude: values,
      extra: function (text, results) {
        if (!allowNew) return [];
        var same = results.some(function (item) { return fold(item.label) === fold(text); });
        if (same) return [];
        var clean = text.replace(/\s+/g, " ").trim();
        return [{ id: "new:" + clean, label: "Add " + clean + " as a new person", name: clean, isNew: true }];
      },
      choose: function (item) {
        if (item.isNew) add({ value: String(item.id), label: item.name, note: "new" });
        else add({ value: String(item.id), label: item.label, note: item.note });
      },
      nothing: function (text) { say("No " + noun + " match " + text + "."); },
      removeLast: function () {
        var last = list.lastElementChild;
        if (last) last.querySelector(".desk-token-remove").click();
      },
    });
    if (isByline) window.DeskSortable(list, say);
  }

  function start() {
    document.querySelectorAll(".desk-tokens").forEach(Tokens);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
