// The lead image in the story form: a chooser in a dialog on the page (no pop-up
// window) with the library as a grid of thumbnails and a search; a new photo is
// uploaded from here, and any picture the user may change gets its focal point, alt
// text, caption and credit here too. What it posts goes to the story admin's
// addresses, which check the user's rights again.
(function () {
  "use strict";

  function clamp(value) {
    var number = parseFloat(value);
    return isNaN(number) ? 0.5 : Math.min(1, Math.max(0, number));
  }

  function setUp(root) {
    var hidden = root.querySelector("input[type=hidden]");
    var current = root.querySelector(".desk-image-current");
    var none = root.querySelector(".desk-image-none");
    var remove = root.querySelector(".desk-image-remove");
    var dialog = root.querySelector(".desk-image-dialog");
    var library = dialog.querySelector(".desk-image-library");
    var details = dialog.querySelector(".desk-image-details");
    var search = dialog.querySelector(".desk-image-search");
    var grid = dialog.querySelector(".desk-image-grid");
    var count = dialog.querySelector(".desk-image-count");
    var fileInput = dialog.querySelector(".desk-image-file");
    var preview = dialog.querySelector(".desk-image-preview");
    var picker = dialog.querySelector(".desk-image-picker");
    var marker = dialog.querySelector(".focal-marker");
    var inputX = dialog.querySelector(".desk-image-x");
    var inputY = dialog.querySelector(".desk-image-y");
    var fields = dialog.querySelectorAll(".desk-image-field");
    var error = dialog.querySelector(".desk-image-error");
    var locked = dialog.querySelector(".desk-image-locked");
    var use = dialog.querySelector(".desk-image-use");
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    var chosen = null; // a picture of the library, or {file: File} for a new one
    var searching = null;

    function field(name) {
      return dialog.querySelector('[data-field="' + name + '"]');
    }

    function showMarker() {
      marker.style.left = clamp(inputX.value) * 100 + "%";
      marker.style.top = clamp(inputY.value) * 100 + "%";
    }

    function showError(text) {
      error.textContent = text;
      error.hidden = !text;
    }

    function thumbnail(image) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "desk-image-tile";
      var img = document.createElement("img");
      img.src = image.thumb;
      img.alt = "";
      img.width = 120;
      img.height = 120;
      img.loading = "lazy";
      var label = document.createElement("span");
      label.textContent = image.alt_text;
      button.append(img, label);
      button.addEventListener("click", function () {
        describe(image);
      });
      item.append(button);
      return item;
    }

    function load() {
      var address = root.dataset.list + "?q=" + encodeURIComponent(search.value);
      fetch(address, { credentials: "same-origin" })
        .then(function (response) {
          return response.json();
        })
        .then(function (answer) {
          grid.replaceChildren.apply(grid, answer.results.map(thumbnail));
          count.textContent = answer.results.length
            ? answer.results.length + " pictures shown."
            : "No picture matches.";
        })
        .catch(function () {
          count.textContent = "The library could not be read.";
        });
    }

    function describe(image, source) {
      chosen = image;
      library.hidden = true;
      details.hidden = false;
      showError("");
      preview.src = source || image.src;
      preview.alt = image.alt_text || "The photo to describe";
      inputX.value = image.focal_x === undefined ? 0.5 : image.focal_x;
      inputY.value = image.focal_y === undefined ? 0.5 : image.focal_y;
      fields.forEach(function (input) {
        input.value = image[input.dataset.field] || "";
        input.disabled = image.may_change === false;
      });
      inputX.disabled = inputY.disabled = image.may_change === false;
      picker.classList.toggle("is-active", image.may_change !== false);
      locked.hidden = image.may_change !== false;
      showMarker();
      // The alt text is the first thing a new photo needs.
      (image.may_change === false ? use : field("alt_text")).focus();
    }

    function backToLibrary() {
      details.hidden = true;
      library.hidden = false;
      chosen = null;
      search.focus();
    }

    function setChosen(image) {
      hidden.value = image.id;
      var img = current.querySelector("img");
      img.src = image.lead || image.src;
      img.alt = image.alt_text;
      current.querySelector("figcaption").textContent =
        image.alt_text + (image.credit ? " " + image.credit : "");
      current.hidden = false;
      none.hidden = true;
      remove.hidden = false;
      hidden.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function changed() {
      if (chosen.file) return true;
      if (clamp(inputX.value) !== chosen.focal_x || clamp(inputY.value) !== chosen.focal_y) {
        return true;
      }
      return Array.prototype.some.call(fields, function (input) {
        return input.value !== (chosen[input.dataset.field] || "");
      });
    }

    function post() {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", token ? token.value : "");
      fields.forEach(function (input) {
        data.append(input.dataset.field, input.value);
      });
      data.append("focal_x", clamp(inputX.value).toFixed(3));
      data.append("focal_y", clamp(inputY.value).toFixed(3));
      var address = root.dataset.upload;
      if (chosen.file) {
        data.append("file", chosen.file);
      } else {
        address = root.dataset.describe.replace("/0/", "/" + chosen.id + "/");
      }
      return fetch(address, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      }).then(function (response) {
        return response.json().then(function (answer) {
          if (!response.ok) throw answer;
          return answer.image;
        });
      });
    }

    use.addEventListener("click", function () {
      if (chosen.may_change === false || !changed()) {
        setChosen(chosen);
        dialog.close();
        return;
      }
      use.disabled = true;
      showError("");
      post()
        .then(function (image) {
          setChosen(image);
          dialog.close();
        })
        .catch(function (answer) {
          var errors = (answer && answer.errors) || {};
          var text = (answer && answer.error) || errors.__all__ || "";
          Object.keys(errors).forEach(function (name) {
            if (name !== "__all__") {
              var label = dialog.querySelector('label[for="' + (field(name) || {}).id + '"]');
              text += (text ? " " : "") + (label ? label.firstChild.textContent.trim() + ": " : "") + errors[name];
            }
          });
          showError(text || "The photo could not be saved; try again.");
          error.focus();
        })
        .finally(function () {
          use.disabled = false;
        });
    });

    error.tabIndex = -1;
    preview.addEventListener("click", function (event) {
      if (chosen && chosen.may_change === false) return;
      var box = preview.getBoundingClientRect();
      inputX.value = clamp((event.clientX - box.left) / box.width).toFixed(3);
      inputY.value = clamp((event.clientY - box.top) / box.height).toFixed(3);
      showMarker();
    });
    inputX.addEventListener("input", showMarker);
    inputY.addEventListener("input", showMarker);

    fileInput.addEventListener("change", function () {
      var file = fileInput.files[0];
      if (!file) return;
      // A data: address, as the admin's policy allows (not blob:).
      var reader = new FileReader();
      reader.addEventListener("load", function () {
        describe({ file: file, may_change: true }, reader.result);
        preview.alt = "The new photo: " + file.name;
      });
      reader.readAsDataURL(file);
      fileInput.value = "";
    });
    dialog.querySelector(".desk-image-upload").addEventListener("click", function () {
      fileInput.click();
    });
    dialog.querySelector(".desk-image-back").addEventListener("click", backToLibrary);
    dialog.querySelector(".desk-image-close").addEventListener("click", function () {
      dialog.close();
    });
    search.addEventListener("input", function () {
      clearTimeout(searching);
      searching = setTimeout(load, 200);
    });
    search.addEventListener("keydown", function (event) {
      // Enter searches at once rather than saving the story.
      if (event.key === "Enter") {
        event.preventDefault();
        load();
      }
    });
    root.querySelector(".desk-image-open").addEventListener("click", function () {
      details.hidden = true;
      library.hidden = false;
      dialog.showModal();
      load();
    });
    dialog.addEventListener("close", function () {
      root.querySelector(".desk-image-open").focus();
    });
    remove.addEventListener("click", function () {
      hidden.value = "";
      current.hidden = true;
      none.hidden = false;
      remove.hidden = true;
      root.querySelector(".desk-image-open").focus();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".desk-image").forEach(setUp);
  });
})();
