/* The service worker: keeps the application shell, the pictures and sounds, and each learner's
   own pages on the phone, so that lessons open again with no network and no bytes spent.
   The server puts `self.LMS` (hashed shell URLs, the offline page) in front of this file. */
"use strict";
importScripts(self.LMS.queue);

var SHELL = "shell-" + self.LMS.version;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL).then(function (c) { return c.addAll(self.LMS.shell); }).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf("shell-") === 0 && n !== SHELL; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

function pagesCache() {
  return LmsQueue.get("user").then(function (user) { return user ? caches.open("pages-" + user) : null; });
}

/* A learner page names its learner as it arrives (X-Lms-User): they become this phone's current learner
   before the page is shown (so whatever is tapped next is read from their pages), and it is kept for them. */
function keep(event, response) {
  var user = response.headers.get("X-Lms-User");
  if (!user || !response.ok || response.redirected) return Promise.resolve(response);
  var copy = response.clone();
  event.waitUntil(caches.open("pages-" + user).then(function (cache) { return cache.put(event.request.url, copy); }));
  return LmsQueue.set("user", user).then(function () { return response; }, function () { return response; });
}

/* Lesson pages: the phone's copy first (0 bytes), else the network, kept for next time. */
function cacheFirst(event) {
  return pagesCache().then(function (cache) {
    return cache ? cache.match(event.request.url) : null;
  }).then(function (hit) {
    return hit || fetch(event.request).then(function (response) { return keep(event, response); });
  });
}

/* Other learner pages: fresh from the network when there is one, the phone's copy when not. */
function networkFirst(event) {
  return fetch(event.request).then(function (response) { return keep(event, response); }, function () {
    return pagesCache().then(function (cache) { return cache && cache.match(event.request.url); }).then(function (hit) {
      return hit || caches.match(self.LMS.offline);
    });
  });
}

/* Pictures and sounds never change under one name: the phone's copy, else fetched and kept.
   Audio players ask for byte ranges, which a cache cannot store: answer them from the whole file. */
function media(request) {
  return caches.open("media").then(function (cache) {
    return cache.match(request.url).then(function (hit) {
      var whole = hit ? Promise.resolve(hit) : fetch(request.url).then(function (response) {
        if (response.ok && response.status === 200) cache.put(request.url, response.clone());
        return response;
      });
      var range = request.headers.get("Range");
      if (!range) return whole;
      return whole.then(function (response) {
        if (response.status !== 200) return response;
        return response.blob().then(function (blob) {
          var m = /bytes=(\d*)-(\d*)/.exec(range) || [], start = +m[1] || 0;
          var end = m[2] ? Math.min(+m[2], blob.size - 1) : blob.size - 1;
          return new Response(blob.slice(start, end + 1), { status: 206, headers: {
            "Content-Type": response.headers.get("Content-Type") || "application/octet-stream",
            "Content-Range": "bytes " + start + "-" + end + "/" + blob.size,
            "Content-Length": String(end - start + 1) } });
        });
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin) return;
  if (url.pathname.indexOf("/static/") === 0) {
    // A page kept from before the site was updated may ask for an older file: the current one serves.
    event.respondWith(caches.match(request.url).then(function (hit) {
      return hit || fetch(request).catch(function () { return caches.match(request.url, { ignoreSearch: true }); });
    }));
  } else if (url.pathname.indexOf("/media/") === 0) {
    event.respondWith(media(request));
  } else if (request.mode === "navigate" && /^\/learn\/lesson\/\d+$/.test(url.pathname)) {
    event.respondWith(cacheFirst(event));
  } else if (request.mode === "navigate" && url.pathname.indexOf("/learn/") === 0) {
    event.respondWith(networkFirst(event));
  } else if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(function () { return caches.match(self.LMS.offline); }));
  }
});

/* Background Sync: the browser wakes us when the network is back, even with no page open. */
self.addEventListener("sync", function (event) {
  if (event.tag === "lms-sync") {
    event.waitUntil(LmsQueue.get("user").then(function (user) { return LmsQueue.flush(user); }).then(function (left) {
      if (left) throw new Error("events still waiting");
    }));
  }
});
