/* The phone's side of progress: events wait in IndexedDB, one queue per learner, and are sent
   in batches; an event leaves the phone only after the server answered for it. Used by the
   pages (app.js) and by the service worker (sw.js), so the rule lives in one place. */
var LmsQueue = (function () {
  "use strict";
  var BATCH = 100;
  var opening = null;

  function open() {
    if (!opening) {
      opening = new Promise(function (resolve, reject) {
        var request = indexedDB.open("lms", 1);
        request.onupgradeneeded = function () {
          var db = request.result;
          db.createObjectStore("queue", { keyPath: "id" }).createIndex("user", "user");
          db.createObjectStore("kv", { keyPath: "k" });
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { opening = null; reject(request.error); };
      });
    }
    return opening;
  }

  /* Run fn(store) in a transaction; resolve with its result once the transaction is on disk. */
  function run(name, mode, fn) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(name, mode), result;
        var value = fn(tx.objectStore(name));
        if (value && "onsuccess" in value) value.onsuccess = function () { result = value.result; };
        tx.oncomplete = function () { resolve(result); };
        tx.onerror = tx.onabort = function () { reject(tx.error); };
      });
    });
  }

  function get(key) {
    return run("kv", "readonly", function (s) { return s.get(key); }).then(function (r) { return r ? r.v : undefined; });
  }
  function set(key, value) {
    return run("kv", "readwrite", function (s) { return s.put({ k: key, v: value }); });
  }

  function uuid() {
    if (self.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function enqueue(user, event) {
    return run("queue", "readwrite", function (s) { return s.put({ id: event.id, user: user, event: event }); });
  }

  function pending(user) {
    return run("queue", "readonly", function (s) { return s.index("user").getAll(user); });
  }

  function remove(ids) {
    return run("queue", "readwrite", function (s) { ids.forEach(function (id) { s.delete(id); }); });
  }

  /* Send this learner's queued events. Resolves with how many are still waiting. Several
     tabs (and the service worker) may try at once: a lock keeps it to one sender. */
  function flush(user) {
    if (!user) return Promise.resolve(0);
    var work = function () { return sendAll(user); };
    if (self.navigator && navigator.locks) return navigator.locks.request("lms-sync", work);
    return work();
  }

  function sendAll(user) {
    return pending(user).then(function (items) {
      if (!items.length) return 0;
      var batch = items.slice(0, BATCH);
      return fetch("/api/v1/progress/sync", {
        // keepalive: the request finishes even if the learner leaves the page meanwhile.
        method: "POST", credentials: "same-origin", keepalive: true,
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ user: user, events: batch.map(function (i) { return i.event; }) })
      }).then(function (response) {
        // Not signed in as this learner any more: keep everything for when they are.
        if (!response.ok) return items.length;
        return response.json().then(function (body) {
          var done = body.results.map(function (r) { return r.id; });
          if (!done.length) return items.length;
          // When the server took them: a page drawn from a request made before then must be drawn again.
          return remove(done).then(function () { return set("sent:" + user, Date.now()); })
            .then(function () { return sendAll(user); });
        });
      }, function () { return items.length; });
    });
  }

  /* Every stored value whose key starts with prefix. */
  function prefixed(prefix) {
    return run("kv", "readonly", function (s) { return s.getAll(IDBKeyRange.bound(prefix, prefix + "\uffff")); })
      .then(function (rows) { return rows.filter(function (r) { return r.v !== undefined; }); });
  }

  return { get: get, set: set, prefixed: prefixed, uuid: uuid, enqueue: enqueue, pending: pending, flush: flush };
})();
