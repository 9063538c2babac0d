/* The lesson editor's JavaScript. Every page works without it (plain forms); with it:
   - a draft is saved as the teacher types, and first kept on this phone (localStorage), so nothing
     typed is lost when the network drops or the tab closes: it is sent when the network returns;
   - the page says plainly whether the text is on the server or only on this phone;
   - a save made from an older revision is refused by the server, and both texts are shown;
   - a toolbar inserts Markdown, pictures are inserted at the cursor, the preview follows the text;
   - narration, and a clip for each question and each picture, is recorded in the browser, listened to,
     then kept or recorded again;
   - lessons of a course can be dragged into order on a laptop. */
(function () {
  "use strict";
  function $(selector, root) { return (root || document).querySelector(selector); }
  function $$(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function show(el, on) { if (el) el.hidden = !on; }
  function fill(template, values) { return (template || "").replace(/\{(\w+)\}/g, function (_, k) { return values[k]; }); }
  var msgBox = $("#editor-msgs");
  var msg = msgBox ? msgBox.dataset : {};

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "t" + Date.now().toString(36) + Math.random().toString(36).slice(2, 14);
  }

  function post(url, body, csrf, json) {
    var headers = { "X-CSRFToken": csrf, "Accept": "application/json" };
    if (json) headers["Content-Type"] = "application/json";
    return fetch(url, { method: "POST", credentials: "same-origin", headers: headers,
                        body: json ? JSON.stringify(body) : body });
  }

  /* A JSON answer, or a rejection saying why not: {network: true} when nothing reached the server. */
  function answer(response) {
    var type = response.headers.get("Content-Type") || "";
    if (type.indexOf("application/json") < 0) return Promise.reject({ status: response.status, signedOut: true });
    return response.json().then(function (data) {
      if (!response.ok) return Promise.reject({ status: response.status, data: data });
      return data;
    });
  }

  // Buttons that undo something ask first.
  $$("[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (e) { if (!window.confirm(button.dataset.confirm)) e.preventDefault(); });
  });

  // --- the editor ------------------------------------------------------------------------------
  var form = $("#editor");
  if (form) editor(form);

  function editor(form) {
    var csrf = form.dataset.csrf;
    var key = "lms-draft:" + form.dataset.user + ":" + form.dataset.lesson;
    var textarea = $("#markdown"), status = $("#save-state");
    var names = ["title", "markdown", "minutes", "language", "tags", "pass_mark"];
    var base = +form.dataset.revision;          // the revision our text was made from
    var tab = uuid();                           // this editor, so a save resent after a lost answer is not a conflict
    var timer = null, sending = null, again = false, conflict = null, sentOnce = false;

    function fields() {
      var out = {};
      names.forEach(function (n) { var el = form.elements[n]; out[n] = el ? el.value : ""; });
      return out;
    }
    function put(values) {
      names.forEach(function (n) { var el = form.elements[n]; if (el && values[n] !== undefined) el.value = values[n]; });
    }
    function same(a, b) { return names.every(function (n) { return (a[n] || "") === (b[n] || ""); }); }

    var store = {
      read: function () { try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; } },
      write: function (record) { try { localStorage.setItem(key, JSON.stringify(record)); } catch (e) { /* full or blocked: the server copy is all there is */ } }
    };
    function keep(dirty) { store.write({ dirty: dirty, base: base, tab: tab, fields: fields(), at: Date.now() }); }

    function setState(state, text) {
      status.dataset.state = state;
      var icon = { server: "✔ ", saving: "… ", local: "📱 ", conflict: "⚠ ", refused: "⚠ " }[state] || "";
      status.textContent = icon + text;
    }
    function setRevision(revision) {
      base = revision;
      form.dataset.revision = revision;
      $$("input.revision").forEach(function (input) { input.value = revision; });
    }

    function save() {
      if (conflict) return Promise.resolve(false);
      if (sending) { again = true; return sending; }
      clearTimeout(timer);
      var sent = fields();
      var payload = { revision: base, editor: tab };
      names.forEach(function (n) { payload[n] = sent[n]; });
      setState("saving", msg.saving);
      sending = post(form.dataset.autosave, payload, csrf, true).then(answer).then(function (data) {
        setRevision(data.revision);
        sentOnce = true;
        if (same(sent, fields())) { keep(false); setState("server", fill(msg.saved, { time: data.at })); return true; }
        keep(true);
        again = true;
        return true;
      }, function (error) {
        keep(true);
        if (error && error.status === 409 && error.data && error.data.conflict) { showConflict(error.data); return false; }
        if (error && error.data && error.data.error) { setState("refused", fill(msg.refused, { error: error.data.error })); return false; }
        setState("local", msg.local);  // no network, or signed out: the text waits on this phone
        retryLater();
        return false;
      }).then(function (ok) {
        sending = null;
        if (again && !conflict) { again = false; return save(); }
        return ok;
      });
      return sending;
    }

    var retry = null;
    function retryLater() {
      clearTimeout(retry);
      retry = setTimeout(function () { if (navigator.onLine) save(); }, 20000);
    }

    function changed() {
      keep(true);  // on the phone at once, whatever happens next
      clearTimeout(timer);
      if (!navigator.onLine) { setState("local", msg.local); return; }
      setState("saving", msg.saving);
      timer = setTimeout(save, 1200);
      refreshPreviewSoon();
    }

    function showConflict(theirs) {
      conflict = theirs;
      var box = $("#conflict");
      $("#theirs").value = theirs.markdown;
      $(".conflict-who", box).textContent = fill(msg.who, { name: theirs.by || "?", time: theirs.at || "" });
      show($(".conflict-choices", box), true);
      show($(".no-js-hint", box), false);
      show(box, true);
      setState("conflict", msg.conflict);
      box.scrollIntoView();
    }
    function resolve(markdown) {
      setRevision(conflict.revision);
      if (markdown !== undefined) textarea.value = markdown;
      conflict = null;
      show($("#conflict"), false);
      keep(true);
      save();
    }
    $("#keep-mine").addEventListener("click", function () { resolve(); });
    $("#keep-both").addEventListener("click", function () {
      resolve(textarea.value.replace(/\s+$/, "") + "\n\n" + conflict.markdown);
    });
    $("#take-theirs").addEventListener("click", function () {
      store.write(null);
      location.reload();  // the page then shows what the server holds
    });

    // What this phone kept from before (a closed tab, a lost network) comes back, and is sent.
    var kept = store.read();
    var serverRevision = +form.dataset.serverRevision;
    if (form.dataset.conflict) {
      // The server refused a plain-form save and drew both texts: offer the same three choices.
      conflict = { revision: serverRevision, markdown: $("#theirs").value };
      show($(".conflict-choices"), true);
      show($(".no-js-hint"), false);
      setState("conflict", msg.conflict);
    } else if (kept && kept.dirty && kept.fields && !same(kept.fields, fields())) {
      var theirs = fields();
      put(kept.fields);
      tab = kept.tab || tab;
      if (kept.base === serverRevision) {
        setState("local", msg.local);
        save();
      } else {
        setRevision(kept.base);
        save();  // refused unless the last save was this editor's own: then both texts are shown
        void theirs;
      }
    } else if (kept && kept.dirty) {
      store.write(null);
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function (e) { e.preventDefault(); save(); });
    window.addEventListener("online", function () { var k = store.read(); if (k && k.dirty) save(); });
    // Leaving the page: a last try that outlives it (the phone keeps the text anyway).
    window.addEventListener("pagehide", function () {
      var k = store.read();
      if (!k || !k.dirty || conflict || !navigator.onLine) return;
      var payload = { revision: base, editor: tab };
      names.forEach(function (n) { payload[n] = k.fields[n]; });
      try {
        fetch(form.dataset.autosave, { method: "POST", credentials: "same-origin", keepalive: true,
          headers: { "X-CSRFToken": csrf, "Content-Type": "application/json", "Accept": "application/json" },
          body: JSON.stringify(payload) });
      } catch (e) { /* too big for keepalive: sent next time */ }
    });

    // Publishing sends the text first, so what is published is what is on the screen.
    var publish = $("#publish-form");
    if (publish) publish.addEventListener("submit", function (e) {
      var k = store.read();
      if ((k && k.dirty) || sending) {
        e.preventDefault();
        save().then(function (ok) { if (ok && !conflict) publish.submit(); });
      }
    });

    // --- toolbar ---
    var toolbar = $(".toolbar");
    show(toolbar, true);
    function replace(start, end, text, selectFrom, selectTo) {
      textarea.focus();
      textarea.setRangeText(text, start, end, "end");
      if (selectFrom !== undefined) textarea.setSelectionRange(start + selectFrom, start + selectTo);
      changed();
    }
    function lineStart(pos) { return textarea.value.lastIndexOf("\n", pos - 1) + 1; }
    function insertBlock(text) {
      var pos = textarea.selectionStart, value = textarea.value;
      var before = pos > 0 && value[pos - 1] !== "\n" ? "\n\n" : (pos > 1 && value[pos - 2] !== "\n" ? "\n" : "");
      replace(pos, textarea.selectionEnd, before + text + "\n");
    }
    var actions = {
      heading: function () {
        var start = lineStart(textarea.selectionStart), line = textarea.value.slice(start).split("\n")[0];
        if (line.trim()) replace(start, start, "## ");
        else replace(start, start + line.length, "## " + msg.heading, 3, 3 + msg.heading.length);
      },
      bold: function () {
        var s = textarea.selectionStart, e = textarea.selectionEnd, text = textarea.value.slice(s, e) || msg.bold;
        replace(s, e, "**" + text + "**", 2, 2 + text.length);
      },
      list: function () {
        var s = lineStart(textarea.selectionStart), e = textarea.selectionEnd;
        var lines = textarea.value.slice(s, e).split("\n");
        if (lines.length === 1 && !lines[0].trim()) replace(s, e, "- " + msg.item, 2, 2 + msg.item.length);
        else replace(s, e, lines.map(function (l) { return l.trim() ? "- " + l : l; }).join("\n"));
      },
      link: function () {
        var s = textarea.selectionStart, e = textarea.selectionEnd, text = textarea.value.slice(s, e) || msg.linkText;
        replace(s, e, "[" + text + "](https://)", text.length + 3, text.length + 11);
      },
      picture: function () { $("#pictures").scrollIntoView(); $("#picture").focus(); },
      narration: function () { $("#narration").scrollIntoView(); var b = $("#narration .rec-start:not([hidden])") || $("#narration-file"); b.focus(); }
    };
    $$("[data-insert]", toolbar).forEach(function (button) {
      button.addEventListener("click", function () { actions[button.dataset.insert](); });
    });

    // --- preview: written by the server, exactly as a learner will see it ---
    var preview = $("#preview"), previewTimer = null, lastPreview = null;
    function refreshPreview() {
      var values = fields(), wanted = values.title + "\u0000" + values.markdown;
      if (wanted === lastPreview || !navigator.onLine) return Promise.resolve();
      return post(form.dataset.preview, { title: values.title, markdown: values.markdown }, csrf, true)
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) { if (html !== null) { preview.innerHTML = html; lastPreview = wanted; listenButtons(); } }, function () {});
    }
    // A picture's listen button in a new preview, as app.js makes them work on a page as it loads.
    function listenButtons() {
      $$(".listen", preview).forEach(function (button) {
        show(button, true);
        button.addEventListener("click", function () { new Audio(button.dataset.audio).play(); });
      });
    }
    var narrow = window.matchMedia("(max-width: 60rem)");
    function refreshPreviewSoon() {
      clearTimeout(previewTimer);
      if (!narrow.matches) previewTimer = setTimeout(refreshPreview, 1500);
    }
    var tabs = $(".tabs"), writePane = $(".write-pane form"), previewPane = $(".preview-pane");
    function showTab(name) {
      $$(".tab", tabs).forEach(function (t) { t.setAttribute("aria-pressed", String(t.dataset.tab === name)); });
      if (!narrow.matches) { show(writePane, true); show(previewPane, true); return; }
      show(writePane, name === "write");
      show(previewPane, name === "preview");
      if (name === "preview") refreshPreview();
    }
    show(tabs, true);
    $$(".tab", tabs).forEach(function (t) { t.addEventListener("click", function () { showTab(t.dataset.tab); }); });
    showTab("write");
    if (narrow.addEventListener) narrow.addEventListener("change", function () { showTab("write"); });

    // --- pictures: sent at once, inserted at the cursor ---
    var pictureForm = $("#picture-form");
    pictureForm.addEventListener("submit", function (e) {
      e.preventDefault();
      var state = $(".upload-state", pictureForm);
      if (!navigator.onLine) { state.textContent = msg.offline; return; }
      state.textContent = msg.sending;
      var cursor = textarea.selectionStart;
      post(pictureForm.action, new FormData(pictureForm), csrf, false).then(answer).then(function (data) {
        textarea.setSelectionRange(cursor, cursor);
        insertBlock(data.markdown);
        addClip(data.clip);
        pictureForm.reset();
        state.textContent = msg.sent;
      }, function (error) {
        state.textContent = error && error.data ? error.data.error : msg.offline;
      });
    });
  }

  // A picture just added gets its place in the list of clips at once (the server drew it), ready to record.
  function addClip(html) {
    var list = $(".picture-clips"), holder = document.createElement("template");
    if (!list || !html) return;
    holder.innerHTML = html.trim();
    var item = holder.content.firstElementChild;
    if ($$(".picture-clip", list).some(function (li) { return li.dataset.path === item.dataset.path; })) return;
    list.appendChild(item);
    show(list.closest(".picture-clips-box"), true);
    $$(".recorder", item).forEach(recorder);
  }

  // --- recording a sound in the browser ----------------------------------------------------------
  $$(".recorder").forEach(recorder);
  function recorder(box) {
    if (!window.MediaRecorder || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
    show(box, true);
    var start = $(".rec-start", box), stop = $(".rec-stop", box), keepButton = $(".rec-keep", box);
    var redo = $(".rec-redo", box), player = $(".rec-play", box), state = $(".rec-state", box);
    var recorder = null, chunks = [], blob = null, url = null, clock = null;
    var type = ["audio/ogg;codecs=opus", "audio/mp4", "audio/webm;codecs=opus", "audio/webm"].filter(function (t) {
      return MediaRecorder.isTypeSupported(t);
    })[0] || "";
    function reset() {
      if (url) URL.revokeObjectURL(url);
      url = null; blob = null;
      player.removeAttribute("src");
      show(player, false); show(keepButton, false); show(redo, false); show(stop, false); show(start, true);
    }
    function record() {
      reset();
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
        chunks = [];
        recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
        recorder.ondataavailable = function (e) { if (e.data.size) chunks.push(e.data); };
        recorder.onstop = function () {
          stream.getTracks().forEach(function (t) { t.stop(); });
          clearInterval(clock);
          blob = new Blob(chunks, { type: recorder.mimeType || type || "audio/webm" });
          url = URL.createObjectURL(blob);
          player.src = url;
          show(player, true); show(keepButton, true); show(redo, true); show(stop, false);
          state.textContent = msg.listen;
        };
        recorder.start();
        var began = Date.now();
        state.textContent = fill(msg.recording, { seconds: 0 });
        clock = setInterval(function () { state.textContent = fill(msg.recording, { seconds: Math.round((Date.now() - began) / 1000) }); }, 1000);
        show(start, false); show(stop, true);
        stop.focus();
      }, function () { state.textContent = msg.noMic; });
    }
    start.addEventListener("click", record);
    redo.addEventListener("click", record);
    stop.addEventListener("click", function () { if (recorder && recorder.state !== "inactive") recorder.stop(); });
    keepButton.addEventListener("click", function () {
      if (!blob) return;
      if (!navigator.onLine) { state.textContent = msg.offline; return; }
      var extension = /ogg/.test(blob.type) ? "ogg" : /mp4/.test(blob.type) ? "m4a" : "webm";
      var data = new FormData();
      data.append("csrf_token", box.dataset.csrf);
      data.append("audio", blob, "recording." + extension);
      state.textContent = msg.sending;
      keepButton.disabled = true;
      post(box.dataset.upload, data, box.dataset.csrf, false).then(answer).then(function (result) {
        var current = box.parentNode.querySelector(".current-sound");
        if (current) { $("audio", current).src = result.url; show(current, true); }
        reset();
        state.textContent = msg.sent;
      }, function (error) {
        state.textContent = error && error.data ? error.data.error : msg.offline;
      }).then(function () { keepButton.disabled = false; });
    });
  }

  // --- dragging lessons into order (a laptop; phones use the arrow buttons) -------------------------
  var list = $("#lesson-order.sortable");
  if (list && list.dataset.orderUrl) {
    var dragged = null;
    list.addEventListener("dragstart", function (e) {
      dragged = e.target.closest("li[data-lesson]");
      if (dragged) { dragged.classList.add("dragging"); e.dataTransfer.effectAllowed = "move"; e.dataTransfer.setData("text/plain", dragged.dataset.lesson); }
    });
    list.addEventListener("dragover", function (e) {
      var over = e.target.closest("li[data-lesson]");
      if (!dragged || !over || over === dragged) return;
      e.preventDefault();
      var box = over.getBoundingClientRect();
      list.insertBefore(dragged, e.clientY > box.top + box.height / 2 ? over.nextSibling : over);
    });
    list.addEventListener("dragend", function () {
      if (!dragged) return;
      dragged.classList.remove("dragging");
      dragged = null;
      var ids = $$("li[data-lesson]", list).map(function (li) { return +li.dataset.lesson; });
      post(list.dataset.orderUrl, { lessons: ids }, list.dataset.csrf, true).then(answer).then(function () {
        location.reload();  // numbers and arrows follow the new order
      }, function () { location.reload(); });
    });
  }
})();
