/* The little JavaScript there is. Every page works without it; with it, lessons and quizzes
   keep working with no network, progress waits on the phone until it can be sent, and a
   course can be downloaded for offline study. */
(function () {
  "use strict";
  var Q = LmsQueue;
  var body = document.body;
  var user = body.dataset.user || "";
  var text = document.getElementById("msgs").dataset;

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $$(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function show(el, on) { if (el) el.hidden = !on; }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
  }
  function kb(bytes) { return Math.max(1, Math.round(bytes / 1024)).toLocaleString(document.documentElement.lang); }

  // The service worker picks this learner's cached pages; pages from the network tell it who is signed in.
  var ready = Q.set("user", user);
  // updateViaCache: the worker is checked for updates at most daily, so reopening a page costs no bytes.
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js", { updateViaCache: "all" });

  // Save data is on by default on a slow connection, until the learner chooses in the settings.
  var connection = navigator.connection;
  if (connection && !/(^|; )savedata=/.test(document.cookie) && (connection.saveData || /2g/.test(connection.effectiveType))) {
    document.cookie = "savedata=1; path=/; max-age=31536000; SameSite=Lax";
  }

  var status = $(".sync-status");
  function say(message) { if (status) { status.textContent = message; show(status, true); } }

  function sync() {
    return ready.then(function () { return Q.flush(user); }).then(function (left) {
      if (left === 0) say(text.sent); else say(text.saved);
      return left;
    }, function () { say(text.saved); });
  }

  /* Keep an action on the phone first, then try to send it. */
  function record(event) {
    event.id = Q.uuid();
    event.at = new Date().toISOString();
    return ready.then(function () { return Q.enqueue(user, event); }).then(function () {
      say(text.saved);
      if (navigator.serviceWorker && navigator.serviceWorker.ready && window.SyncManager) {
        navigator.serviceWorker.ready.then(function (r) { return r.sync.register("lms-sync"); }).catch(function () {});
      }
      if (navigator.onLine) sync();
    });
  }

  window.addEventListener("online", sync);

  // Listening to a question or a choice, one at a time.
  var voice = null;
  $$(".listen").forEach(function (button) {
    show(button, true);
    button.addEventListener("click", function () {
      if (voice) voice.pause();
      voice = new Audio(button.dataset.audio);
      voice.play();
    });
  });

  // --- a lesson ----------------------------------------------------------------------------
  var lesson = $("#lesson");
  if (lesson) {
    var lessonId = +lesson.dataset.lesson, version = +lesson.dataset.version, stateKey = "state:" + user + ":" + lessonId;
    var quiz = $("#quiz");
    var state = { read: lesson.dataset.read === "1", done: lesson.dataset.done === "1" };

    var showState = function () {
      show($(".read-form"), !state.read);
      show($(".quiz-start"), state.read && quiz && quiz.hidden);
      show($(".done-badge"), state.done);
    };
    var save = function () { return Q.set(stateKey, state); };

    ready.then(function () { return Q.get(stateKey); }).then(function (saved) {
      if (saved) { state.read = state.read || saved.read; state.passed = saved.passed; state.done = state.done || saved.done; }
      showState();
      // A page from the phone's cache was opened without the server knowing: say so later.
      var opened = lesson.dataset.opened;
      return Q.get("seen:" + opened).then(function (seen) {
        if (opened && !seen) return Q.set("seen:" + opened, true);
        return Q.enqueue(user, { id: Q.uuid(), type: "opened", lesson: lessonId, version: version, at: new Date().toISOString() });
      });
    });

    $(".read-form").addEventListener("submit", function (e) {
      e.preventDefault();
      state.read = true;
      if (!quiz) state.done = true;
      save();
      record({ type: "read", lesson: lessonId, version: version });
      showState();
      if (quiz) startQuiz();
    });

    if (quiz) {
      var questions = $$(".q", quiz), current = 0, correct = 0, attempt;
      var passMark = +quiz.dataset.passMark;
      var startQuiz = function () {
        attempt = Q.uuid(); current = 0; correct = 0;
        questions.forEach(function (q) {
          show(q, false);
          $$(".choice", q).forEach(function (b) { b.disabled = false; b.className = "choice"; b.setAttribute("aria-pressed", "false"); });
          $$(".feedback, .next", q).forEach(function (el) { show(el, false); });
          show($(".confirm", q), true);
        });
        show($(".quiz-result", quiz), false);
        show(quiz, true);
        showState();
        show(questions[0], true);
        questions[0].scrollIntoView();
      };
      var answer = function (q, chosen) {
        var right = $$(".choice", q).filter(function (b) { return b.dataset.right === "1"; }).map(function (b) { return +b.dataset.choice; });
        var ok = chosen.length === right.length && chosen.every(function (c) { return right.indexOf(c) >= 0; });
        if (ok) correct += 1;
        $$(".choice", q).forEach(function (b) {
          var id = +b.dataset.choice;
          b.disabled = true;
          if (right.indexOf(id) >= 0) b.classList.add("right"); else if (chosen.indexOf(id) >= 0) b.classList.add("wrong");
        });
        show($(".confirm", q), false);
        show($(ok ? ".feedback.right" : ".feedback.wrong", q), true);
        show($(".next", q), true);
        $(".next", q).focus();
        record({ type: "answered", lesson: lessonId, version: version, attempt: attempt, question: +q.dataset.question, choices: chosen });
      };
      questions.forEach(function (q, index) {
        var multiple = q.dataset.multiple === "1";
        $$(".choice", q).forEach(function (b) {
          b.addEventListener("click", function () {
            if (multiple) b.setAttribute("aria-pressed", b.getAttribute("aria-pressed") === "true" ? "false" : "true");
            else answer(q, [+b.dataset.choice]);
          });
        });
        if (multiple) $(".confirm", q).addEventListener("click", function () {
          var chosen = $$(".choice[aria-pressed=true]", q).map(function (b) { return +b.dataset.choice; });
          if (chosen.length) answer(q, chosen);
        });
        $(".next", q).addEventListener("click", function () {
          show(q, false);
          if (index + 1 < questions.length) { show(questions[index + 1], true); $("legend", questions[index + 1]).scrollIntoView(); }
          else finish();
        });
      });
      var finish = function () {
        var total = questions.length, passed = correct * 100 >= passMark * total;
        var result = $(".quiz-result", quiz);
        $(".score", result).textContent = fill(text.score, { correct: correct, total: total, score: Math.round(100 * correct / total) });
        $(".score", result).className = "score " + (passed ? "right" : "wrong");
        show($(".passed", result), passed);
        show($(".failed", result), !passed);
        show(result, true);
        result.scrollIntoView();
        if (passed) { state.passed = true; state.done = state.read; save(); showState(); }
      };
      $(".retry", quiz).addEventListener("click", startQuiz);
      $(".quiz-start").addEventListener("click", function (e) { e.preventDefault(); startQuiz(); });
    }
  } else if (user && navigator.onLine) {
    // Other pages come from the network anyway: a good moment to send what waits, and to refresh downloads.
    // A progress page asked for before the server took the last events (sent now, or by the page just left,
    // still sending as this one loaded) was drawn without them: draw it again, once.
    sync().then(function () { return Q.get("sent:" + user); }).then(function (sentAt) {
      if (sentAt > performance.timeOrigin && body.classList.contains("progress-view")) location.reload();
    }).then(refreshDownloads);
  }

  // --- downloading a course ----------------------------------------------------------------
  function need() { return Math.round(Math.min(window.innerWidth, 720) * (window.devicePixelRatio || 1)); }
  function downloadKey(course) { return "download:" + user + ":" + course; }

  function plan(course) {
    return fetch("/api/v1/courses/" + course + "/offline?need=" + need(), { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
  }

  /* Fetch what a plan lists into this learner's caches; `known` are lesson versions already on the phone. */
  function fetchPlan(p, known, progress) {
    var urls = [p.course_url].concat(p.lessons.filter(function (l) { return known[l.id] !== l.version; }).map(function (l) { return l.url; }));
    var total = urls.length + p.files.length, count = 0, bytes = 0;
    return Promise.all([caches.open("pages-" + user), caches.open("media")]).then(function (c) {
      var step = function (cache, url, headers) {
        return cache.match(url).then(function (hit) {
          if (hit && cache === c[1]) return hit.blob();
          return fetch(url, { credentials: "same-origin", headers: headers || {} }).then(function (r) {
            if (!r.ok) throw new Error(url);
            return r.clone().blob().then(function (blob) { return cache.put(url, r).then(function () { return blob; }); });
          });
        }).then(function (blob) { bytes += blob.size; count += 1; if (progress) progress(count, total); });
      };
      var chain = Promise.resolve();
      urls.forEach(function (url) { chain = chain.then(function () { return step(c[0], url, { "X-LMS-Download": "1" }); }); });
      p.files.forEach(function (f) { chain = chain.then(function () { return step(c[1], f.url); }); });
      return chain.then(function () {
        var versions = {};
        p.lessons.forEach(function (l) { versions[l.id] = l.version; });
        return Q.set(downloadKey(p.course), { versions: versions, bytes: bytes, urls: urls.concat(p.files.map(function (f) { return f.url; })) })
          .then(function () { return bytes; });
      });
    });
  }

  /* A newer version of a downloaded lesson is fetched at the next connection. */
  function refreshDownloads() {
    return Q.prefixed("download:" + user + ":").then(function (rows) {
      return Promise.all(rows.map(function (row) {
        var course = +row.k.split(":")[2];
        return plan(course).then(function (p) { return fetchPlan(p, row.v.versions); }).catch(function () {});
      }));
    });
  }

  function storage(el) {
    if (!navigator.storage || !navigator.storage.estimate) return;
    navigator.storage.estimate().then(function (e) { el.textContent = fill(text.storage, { kb: kb(e.usage || 0) }); });
  }

  $$(".offline-course").forEach(function (box) {
    if (!("caches" in window) || !navigator.serviceWorker) return;
    var course = +box.dataset.downloadCourse;
    var bar = $("progress", box), info = $(".offline-info", box), used = $(".offline-storage", box);
    var get = $(".offline-get", box), drop = $(".offline-drop", box);
    show(box, true);
    var showDownloaded = function (d) {
      show(get, !d); show(drop, !!d); show(bar, false);
      info.textContent = d ? fill(text.downloaded, { kb: kb(d.bytes) }) : "";
      storage(used);
    };
    Q.get(downloadKey(course)).then(showDownloaded);
    get.addEventListener("click", function () {
      get.disabled = true;
      plan(course).then(function (p) {
        info.textContent = fill(text.downloading, { kb: kb(p.bytes) });
        show(bar, true);
        return fetchPlan(p, {}, function (n, total) { bar.max = total; bar.value = n; });
      }).then(function () { return Q.get(downloadKey(course)); }).then(showDownloaded, function () {
        info.textContent = text.failed;
      }).then(function () { get.disabled = false; });
    });
    drop.addEventListener("click", function () {
      var key = downloadKey(course);
      Promise.all([Q.get(key), Q.prefixed("download:"), caches.open("pages-" + user), caches.open("media")]).then(function (r) {
        var mine = r[0] ? r[0].urls : [], kept = {};
        // Pictures and sounds are shared: keep those another download (of anyone on this phone) still needs.
        r[1].forEach(function (row) { if (row.k !== key) row.v.urls.forEach(function (u) { kept[u] = true; }); });
        return Promise.all(mine.map(function (url) { return kept[url] ? null : Promise.all([r[2].delete(url), r[3].delete(url)]); }));
      }).then(function () { return Q.set(key, undefined); }).then(function () { showDownloaded(undefined); });
    });
  });
})();
