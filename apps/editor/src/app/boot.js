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
    return fetched[url];
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }
  /*
   * A first view of a case while the app's code is still on its way: the
   * student and the current step, from the same answer the app will use. The
   * app removes it as soon as it has drawn the case page itself (or any other
   * page); it is never interactive.
   */
  function preview(c) {
    if (!c || !c.student || !document.body || document.getElementById('boot-preview') || window.__jalurBoot.drawn) return;
    var root = document.getElementById('root');
    if (root && root.querySelector('[data-testid=case-page]')) return;
    var en = lang === 'en';
    var box = el('div', { id: 'boot-preview', class: 'boot-preview', 'aria-busy': 'true' });
    var page = el('div', { class: 'cw-page' });
    var head = el('div', { class: 'cw-case-head' });
    head.appendChild(el('h1', { 'data-testid': 'case-student' }, c.student.name));
    if (c.student.className) head.appendChild(el('span', { class: 'muted' }, (en ? 'Class ' : 'Kelas ') + c.student.className));
    page.appendChild(head);
    var section = el('section', { class: 'cw-section' });
    section.appendChild(el('h2', {}, c.status === 'closed' ? (en ? 'Case closed' : 'Kasus selesai') : en ? 'Current step' : 'Langkah saat ini'));
    var list = el('ul', { class: 'cw-list' });
    for (var i = 0; i < (c.steps || []).length; i++) {
      var s = c.steps[i];
      var title = s.meta && s.meta.title ? (en && s.meta.title.en) || s.meta.title.id : '';
      var li = el('li', { 'data-testid': 'current-step' });
      li.appendChild(el('strong', {}, title || '…'));
      list.appendChild(li);
    }
    section.appendChild(list);
    section.appendChild(el('p', { class: 'muted small' }, en ? 'Loading…' : 'Memuat…'));
    page.appendChild(section);
    box.appendChild(page);
    document.body.insertBefore(box, document.body.firstChild);
    // Whatever happens to the app, the preview does not stay.
    setTimeout(function () {
      if (box.parentNode) box.parentNode.removeChild(box);
    }, 20000);
  }
  if (path !== '/login') get('/api/auth/me');
  for (var i = 0; i < routes.length; i++) {
    var m = new RegExp(routes[i].pattern).exec(path);
    if (!m) continue;
    var r = routes[i];
    if (r.data)
      get(r.data.replace('$1', m[1]))
        .then(function (res) {
          return res.ok ? res.clone().json() : null;
        })
        .then(function show(c) {
          if (document.body) preview(c);
          else setTimeout(function () { show(c); }, 20);
        })
        .catch(function () {});
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
