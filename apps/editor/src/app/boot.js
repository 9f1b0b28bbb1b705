/*
 * Jalur's boot script: a classic script that runs as soon as index.html is
 * parsed, long before the app's JavaScript has arrived on a slow phone
 * network. It starts what the first page will need at once instead of one
 * round trip after another:
 *   - the signed-in user (`/api/auth/me`) and, on a case page, the case;
 *   - the page's own code and stylesheet (modulepreload / stylesheet), from
 *     the route list the build writes into __ROUTES__.
 * The app takes each answer once (src/app/boot-data.ts) and fetches as usual
 * when there is none. Plain ES2017, no imports: it is not bundled.
 */
(function () {
  var routes = __ROUTES__;
  var path = location.pathname;
  var lang = 'id';
  try {
    if (localStorage.getItem('jalur.lang') === 'en') lang = 'en';
  } catch (e) {}
  var fetched = {};
  function get(url) {
    fetched[url] = fetch(url, { credentials: 'same-origin', headers: { 'Accept-Language': lang } });
    // An unused failure must not show up as an unhandled rejection.
    fetched[url].catch(function () {});
  }
  if (path !== '/login') get('/api/auth/me');
  for (var i = 0; i < routes.length; i++) {
    var m = new RegExp(routes[i].pattern).exec(path);
    if (!m) continue;
    var r = routes[i];
    if (r.data) get(r.data.replace('$1', m[1]));
    var head = document.head;
    for (var j = 0; j < r.css.length; j++) {
      var l = document.createElement('link');
      l.rel = 'stylesheet';
      l.href = r.css[j];
      head.appendChild(l);
    }
    for (var k = 0; k < r.js.length; k++) {
      var p = document.createElement('link');
      p.rel = 'modulepreload';
      p.href = r.js[k];
      head.appendChild(p);
    }
    break;
  }
  window.__jalurBoot = { at: Date.now(), fetched: fetched };
})();
