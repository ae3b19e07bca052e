/* The practice editor: checks as you type, saves with the page's token, refreshes the preview. */
(function () {
  "use strict";
  var form = document.getElementById("practice-form");
  var frame = document.getElementById("preview");
  var material = document.getElementById("material");
  var buildStatus = document.getElementById("build-status");
  var generation = null;
  var savedAt = null;

  function answers() {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) return;
      if (el.type === "radio") {
        if (!(el.name in out)) out[el.name] = "";
        if (el.checked) out[el.name] = el.value;
      } else {
        out[el.name] = el.value;
      }
    });
    return out;
  }

  function post(action, body, headers) {
    var h = {"X-Informed-Token": form.dataset.token};
    Object.keys(headers || {}).forEach(function (k) { h[k] = headers[k]; });
    return fetch(action, {method: "POST", headers: h, body: body, credentials: "same-origin"})
      .then(function (r) {
        return r.json().then(function (data) { data.status = r.status; return data; });
      });
  }

  function postJson(action) {
    return post(action, JSON.stringify({answers: answers(), version: form.dataset.version}),
                {"Content-Type": "application/json"});
  }

  function controlsOf(path) {
    return form.querySelectorAll('[name="' + path + '"], [name="' + path + ':text"]');
  }

  function showFindings(data) {
    var boxes = form.querySelectorAll("[data-msg]");
    Array.prototype.forEach.call(boxes, function (box) { box.textContent = ""; });
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (el) {
      el.removeAttribute("aria-invalid");
    });
    var general = [];
    var errors = 0;
    (data.findings || []).forEach(function (f) {
      if (!f.warning) errors += 1;
      var box = f.field && form.querySelector('[data-msg="' + f.field + '"]');
      if (!box) { general.push(f); return; }
      var p = document.createElement("p");
      p.className = f.warning ? "warning" : "error";
      p.textContent = f.message + " ";
      var where = document.createElement("span");
      where.className = "where";
      where.textContent = "(line " + f.line + " of practice.yaml)";
      p.appendChild(where);
      if (f.suggestion) {
        var use = document.createElement("button");
        use.type = "button";
        use.className = "use-suggestion";
        use.textContent = "Use " + f.suggestion;
        use.addEventListener("click", function () {
          var input = form.querySelector('[name="' + f.field + '"]');
          input.value = f.suggestion;
          syncPicker(input);
          input.focus();
          check();
        });
        p.appendChild(use);
      }
      box.appendChild(p);
      if (!f.warning) {
        Array.prototype.forEach.call(controlsOf(f.field), function (el) {
          if (el.type !== "radio") el.setAttribute("aria-invalid", "true");
        });
      }
    });
    var summary = document.getElementById("summary");
    summary.textContent = "";
    if (errors) {
      var head = document.createElement("p");
      head.textContent = errors === 1 ? "1 answer to give or fix before the materials can be built."
        : errors + " answers to give or fix before the materials can be built.";
      summary.appendChild(head);
    }
    if (general.length) {
      var list = document.createElement("ul");
      general.forEach(function (f) {
        var li = document.createElement("li");
        li.textContent = f.cli;
        list.appendChild(li);
      });
      summary.appendChild(list);
    }
    Object.keys(data.contrast || {}).forEach(function (path) {
      var el = form.querySelector('[data-contrast="' + path + '"]');
      if (el) el.textContent = data.contrast[path];
    });
    Array.prototype.forEach.call(form.querySelectorAll("[data-contrast]"), function (el) {
      if (!(data.contrast || {})[el.dataset.contrast]) el.textContent = "";
    });
  }

  var timer = null;
  var asked = 0;
  function check() {
    var mine = ++asked;
    return postJson("check").then(function (data) {
      if (mine !== asked) return;
      if (data.status === 200) { showFindings(data); return; }
      var summary = document.getElementById("summary");
      summary.textContent = "";
      var p = document.createElement("p");
      p.textContent = data.error;
      summary.appendChild(p);
    }).catch(function () {});
  }
  function checkSoon() {
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  }

  function syncPicker(input) {
    var picker = document.getElementById(input.id + "-picker");
    var swatch = document.getElementById(input.id + "-swatch");
    var value = input.value.trim();
    if (/^#[0-9a-fA-F]{6}$/.test(value)) {
      if (picker) picker.value = value.toLowerCase();
      if (swatch) swatch.style.backgroundColor = value;
    } else if (/^#[0-9a-fA-F]{3}$/.test(value)) {
      var long = "#" + value.slice(1).split("").map(function (c) { return c + c; }).join("");
      if (picker) picker.value = long.toLowerCase();
      if (swatch) swatch.style.backgroundColor = long;
    }
  }

  function showDependents() {
    Array.prototype.forEach.call(form.querySelectorAll("[data-when]"), function (el) {
      var chosen = form.querySelector('[name="' + el.dataset.when + '"]:checked');
      el.hidden = !(chosen && chosen.value === "yes");
    });
  }

  function uploadLogo(input) {
    var file = input.files && input.files[0];
    if (!file) return;
    var box = document.querySelector('[data-msg="logo"]');
    file.arrayBuffer().then(function (bytes) {
      return post("logo", bytes, {"Content-Type": "application/octet-stream",
                                  "X-File-Name": file.name});
    }).then(function (data) {
      box.textContent = "";
      var p = document.createElement("p");
      if (data.status !== 200) {
        p.className = "error";
        p.textContent = data.error;
        box.appendChild(p);
        return;
      }
      document.querySelector('[name="logo"]').value = data.name;
      var shown = document.getElementById("logo-print");
      shown.textContent = "";
      var words = document.createElement("p");
      var pr = data.print;
      words.textContent = "Uploaded " + data.name + ". How it prints: " + pr.width_mm +
        " mm wide in the largest layout" + (pr.dpi ? ", at " + pr.dpi + " dpi" : ", sharp at any size") +
        ". Shown here at that size, in colour and on a black-and-white printer. Save to use it." +
        (data.warnings.length ? " " + data.warnings.join(" ") : "");
      shown.appendChild(words);
      var paper = document.createElement("div");
      paper.className = "paper";
      ["colour", "black and white"].forEach(function (how) {
        var img = document.createElement("img");
        img.src = URL.createObjectURL(file);
        img.alt = "Your logo as it prints in " + how;
        img.width = Math.round(pr.width_mm * 96 / 25.4);
        if (how !== "colour") img.className = "grey";
        paper.appendChild(img);
      });
      shown.appendChild(paper);
      check();
    });
  }

  function previewUrl() {
    return material.dataset.base + material.value;
  }

  function poll() {
    fetch("/__informed/state", {cache: "no-store"}).then(function (r) { return r.json(); })
      .then(function (s) {
        if (s.error) {
          buildStatus.className = "build-status failed";
          var lines = s.error.split("\n").filter(function (l) { return l && !/ found\.$/.test(l); });
          buildStatus.textContent = "The materials cannot be built yet: " + lines[0] +
            (lines.length > 1 ? " (and " + (lines.length - 1) + " more; each is shown beside " +
             "its question)" : "");
        } else {
          buildStatus.className = "build-status";
          buildStatus.textContent = savedAt && s.generation !== generation ?
            "The preview shows what you saved at " + savedAt + "." : buildStatus.textContent;
        }
        if (generation !== null && s.generation !== generation && !s.error) {
          frame.src = previewUrl() + "?v=" + s.generation;
        }
        generation = s.generation;
      }).catch(function () {}).finally(function () { setTimeout(poll, 1000); });
  }

  if (form) {
    form.addEventListener("input", function (e) {
      if (e.target.type === "color") {
        var input = document.getElementById(e.target.dataset.picker);
        input.value = e.target.value.toUpperCase();
      } else if (e.target.type === "file") {
        return;
      }
      Array.prototype.forEach.call(form.querySelectorAll('input[name^="colours."]'), syncPicker);
      showDependents();
      checkSoon();
    });
    form.addEventListener("change", function (e) {
      if (e.target.type === "file") uploadLogo(e.target);
      showDependents();
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var status = document.getElementById("save-status");
      status.textContent = "Saving…";
      postJson("save").then(function (data) {
        if (data.status !== 200) {
          status.textContent = "Not saved: " + data.error;
          return;
        }
        form.dataset.version = data.version;
        savedAt = new Date().toLocaleTimeString("en-GB", {hour: "2-digit", minute: "2-digit"});
        showFindings(data);
        var errors = (data.findings || []).filter(function (f) { return !f.warning; }).length;
        status.textContent = "Saved at " + savedAt + "." + (errors ?
          " The materials are built when every answer is given." : " The preview is being updated.");
      }).catch(function () {
        status.textContent = "Not saved: the editor is not answering. Is informed serve still running?";
      });
    });
    Array.prototype.forEach.call(form.querySelectorAll('input[name^="colours."]'), syncPicker);
    showDependents();
  }
  material.addEventListener("change", function () { frame.src = previewUrl(); });
  poll();
})();
