// search.js: the search page of a disclose site. It reads the index that
// the build wrote below search/ (internal/search): index.json, then only
// the chunks of the query's terms, the blocks of the results shown and,
// when a filter asks, the facets. Over HTTP it fetches them; from a
// folder opened as file://, where browsers refuse fetch, it loads
// search/index.js, the same files in one script (an archive bundle's).
// Notice text is put on the page with textContent only, never as markup.
(function () {
  'use strict';
  var form = document.getElementById('search');
  if (!form || !window.TextDecoder || !window.Promise) return;
  var indexURL = form.getAttribute('data-index');
  var dir = indexURL.slice(0, indexURL.lastIndexOf('/') + 1); // ".../search/"
  var root = dir.replace(/search\/$/, '');
  var offline = location.protocol === 'file:'; // or the index came from index.js
  var input = document.getElementById('q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var filters = ['year', 'kind', 'level', 'round'];
  var PAGE = 10, BLOCK = 10, GROUP = 64; // GROUP: search.GroupSize
  var SLOTFILES = 64; // the most slots files of a year: search.slotFiles
  var files = {}; // path below search/ → Promise of its bytes
  var utf8 = new TextDecoder();
  var generation = 0;
  var shown = [], results = [], pending = [];

  // Reading the index.
  var offlineData = null;
  function loadOffline() {
    if (!offlineData) {
      offlineData = new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        s.src = dir + 'index.js';
        s.onload = function () { resolve(window.discloseSearchIndex); };
        s.onerror = function () { offlineData = null; reject(new Error('index.js')); };
        document.head.appendChild(s);
      });
    }
    return offlineData;
  }
  // fromScript returns a file of the index from index.js.
  function fromScript(path) {
    return loadOffline().then(function (d) {
      var b64 = d && d.files[path];
      if (b64 === undefined) throw new Error(path);
      offline = true;
      var bin = atob(b64), out = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
      return out;
    });
  }
  // bytes returns a file of the index: fetched, or from index.js where the
  // page is a file or an archive bundle served as it is.
  function bytes(path) {
    if (!files[path]) {
      files[path] = offline ? fromScript(path) : fetch(dir + path).then(function (r) {
        if (!r.ok) throw new Error(path + ': ' + r.status);
        return r.arrayBuffer();
      }).then(function (b) { return new Uint8Array(b); }, function (e) {
        return fromScript(path).catch(function () { throw e; });
      });
      files[path].catch(function () { delete files[path]; });
    }
    return files[path];
  }
  function json(path) {
    return bytes(path).then(function (b) { return JSON.parse(utf8.decode(b)); });
  }

  // Tokens, as internal/search/tokenize.go makes them.
  var OTHER = 0, HAN = 1, DIGIT = 2, LATIN = 3;
  var hanRE = /\p{Script=Han}/u, letterRE = /\p{L}/u;
  function fold(c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    else if (c === 0x3000) return 32;
    if (c >= 65 && c <= 90) c += 32;
    return c;
  }
  function classOf(c) {
    if (c >= 48 && c <= 57) return DIGIT;
    if (c >= 97 && c <= 122) return LATIN;
    if (c >= 0x4E00 && c <= 0x9FFF) return HAN;
    if (c < 0x2E80) return c > 0x7F && letterRE.test(String.fromCodePoint(c)) ? LATIN : OTHER;
    return hanRE.test(String.fromCodePoint(c)) ? HAN : OTHER;
  }
  function segments(s) {
    var segs = [], slot = 0, cur = null;
    for (var ch of s) {
      var c = fold(ch.codePointAt(0)), k = classOf(c);
      if (!cur || cur.cls !== k) {
        if (cur) slot += cur.cls === HAN ? cur.text.length : 1;
        cur = { cls: k, slot: slot, text: [] };
        segs.push(cur);
      }
      cur.text.push(String.fromCodePoint(c));
    }
    return segs;
  }
  // parse turns a query into phrases, each a list of terms at slots
  // relative to the phrase's first (search.Parse in Go).
  function parse(text) {
    var phrases = [];
    var folded = Array.from(text, function (ch) { return String.fromCodePoint(fold(ch.codePointAt(0))); }).join('');
    folded.split(/\s+/).forEach(function (part) {
      var segs = segments(part);
      while (segs.length && segs[0].cls === OTHER) segs.shift();
      while (segs.length && segs[segs.length - 1].cls === OTHER) segs.pop();
      if (!segs.length) return;
      var base = segs[0].slot, items = [];
      if (segs.length === 1 && segs[0].cls === HAN && segs[0].text.length === 1) {
        items.push({ term: '~' + segs[0].text[0], slot: -1 });
      } else {
        segs.forEach(function (g, i) {
          var s = g.slot - base, t = g.text;
          if (g.cls === DIGIT || g.cls === LATIN) {
            items.push({ term: t.join(''), slot: s });
          } else if (g.cls === HAN && t.length === 1) {
            var next = segs[i + 1];
            var word = next && (next.cls === DIGIT || next.cls === LATIN);
            items.push({ term: (word ? '>' : '<') + t[0], slot: s });
          } else if (g.cls === HAN) {
            for (var j = 0; j + 1 < t.length; j += 2) items.push({ term: t[j] + t[j + 1], slot: s + j });
            if (t.length % 2 === 1) items.push({ term: t[t.length - 2] + t[t.length - 1], slot: s + t.length - 2 });
          }
        });
      }
      phrases.push({ text: segs.map(function (g) { return g.text.join(''); }).join(''), items: items });
    });
    return phrases;
  }

  // Chunks and postings (postings.go).
  function fnv(term) {
    var b = new TextEncoder().encode(term), h = 0x811c9dc5;
    for (var i = 0; i < b.length; i++) { h ^= b[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h >>> 0;
  }
  function uvarint(b, at) {
    var v = 0, mul = 1;
    for (;;) {
      var x = b[at.i++];
      if (x === undefined) throw new Error('varint');
      v += (x & 0x7f) * mul;
      if (x < 0x80) return v;
      mul *= 128;
    }
  }
  var chunks = {}; // path → Promise of Map term → {docs, off, groups}
  function chunk(path) {
    if (!chunks[path]) {
      chunks[path] = bytes(path).then(function (b) {
        var m = new Map(), at = { i: 0 };
        while (at.i < b.length) {
          var n = uvarint(b, at), term = utf8.decode(b.subarray(at.i, at.i + n));
          at.i += n;
          var len = uvarint(b, at), e = { docs: b.subarray(at.i, at.i + len) };
          at.i += len;
          if (term[0] !== '~') {
            e.off = uvarint(b, at);
            var ng = uvarint(b, at);
            e.groups = [];
            for (var g = 0; g < ng; g++) e.groups.push(uvarint(b, at));
          }
          m.set(term, e);
        }
        return m;
      });
    }
    return chunks[path];
  }
  function bitReader(b, i) {
    var bit = i * 8;
    function one() {
      if (bit >= b.length * 8) throw new Error('postings');
      var v = (b[bit >> 3] >> (7 - (bit & 7))) & 1;
      bit++;
      return v;
    }
    function read(n) { var v = 0; while (n-- > 0) v = v * 2 + one(); return v; }
    return {
      rice: function (k) { var q = 0; while (one() === 1) q++; return q * Math.pow(2, k) + read(k); },
      gamma: function () { var n = 0; while (one() === 0) n++; return Math.pow(2, n) + read(n); }
    };
  }
  // decodeDocs returns the docs that hold term, in order, with the count
  // of each (1 for a "~" term), and where the slots of each group of docs
  // are in the slots file.
  function decodeDocs(term, e) {
    var at = { i: 0 }, n = uvarint(e.docs, at), pos = term[0] !== '~';
    var kDoc = e.docs[at.i++], r = bitReader(e.docs, at.i);
    var p = { term: term, docs: [], counts: [], has: new Map(), groups: new Map() }, doc = -1;
    var off = e.off, g = -1;
    for (var d = 0; d < n; d++) {
      doc += r.rice(kDoc) + 1;
      p.has.set(doc, d);
      p.docs.push(doc);
      p.counts.push(pos ? r.gamma() : 1);
      if (pos && Math.floor(doc / GROUP) !== g) {
        if (g >= 0) off += p.groups.get(g).len;
        g = Math.floor(doc / GROUP);
        var len = e.groups[p.groups.size];
        if (len === undefined) throw new Error('postings');
        p.groups.set(g, { off: off, len: len, first: d });
      }
    }
    return p;
  }
  // decodeGroup returns Map doc → its slots, for the docs of group g of
  // the postings p, from the group's part of the slots file.
  function decodeGroup(p, g, part) {
    var s = bitReader(part, 1), k = part[0], out = new Map();
    for (var d = p.groups.get(g).first; d < p.docs.length && Math.floor(p.docs[d] / GROUP) === g; d++) {
      var slot = -1, list = [];
      for (var i = 0; i < p.counts[d]; i++) { slot += s.rice(k) + 1; list.push(slot); }
      out.set(p.docs[d], list);
    }
    return out;
  }
  // slotsOf returns len bytes at off of the slots file at path: over HTTP
  // those bytes alone (a range request), the whole file where the server
  // ignores ranges or the index came from index.js.
  function slotsOf(path, off, len) {
    if (len === 0) return Promise.resolve(new Uint8Array(0));
    if (offline || files[path]) return bytes(path).then(function (p) { return p.subarray(off, off + len); });
    return fetch(dir + path, { headers: { Range: 'bytes=' + off + '-' + (off + len - 1) } }).then(function (r) {
      if (r.status === 206) return r.arrayBuffer().then(function (b) { return new Uint8Array(b); });
      if (!r.ok) throw new Error(path + ': ' + r.status);
      files[path] = r.arrayBuffer().then(function (b) { return new Uint8Array(b); });
      return files[path].then(function (p) { return p.subarray(off, off + len); });
    }, function () {
      return bytes(path).then(function (p) { return p.subarray(off, off + len); });
    });
  }
  // cached returns what make returns for key, made once (again after a
  // failure).
  var made = new Map();
  function cached(key, make) {
    if (!made.has(key)) {
      var p = make();
      made.set(key, p);
      p.catch(function () { made.delete(key); });
    }
    return made.get(key);
  }
  // postings returns the docs of year that hold term (decodeDocs), or
  // null when none does.
  function postings(year, term) {
    return cached(year.year + ' ' + term, function () {
      var k = fnv(term) % year.chunks;
      return chunk(year.year + '/c' + k + '.bin').then(function (m) {
        var e = m.get(term);
        if (!e) return null;
        var p = decodeDocs(term, e);
        p.path = year.year + '/p' + (k % Math.min(year.chunks, SLOTFILES)) + '.bin';
        return p;
      });
    });
  }
  // groupSlots returns Map doc → slots of term for the docs of group g.
  function groupSlots(year, p, g) {
    return cached(year.year + ' ' + p.term + ' ' + g, function () {
      var at = p.groups.get(g);
      return slotsOf(p.path, at.off, at.len).then(function (part) { return decodeGroup(p, g, part); });
    });
  }
  // candidates returns the docs of year that hold every term of every
  // phrase, in order: those that hold every phrase, and those whose
  // phrases of more than one term are still to be checked at their slots
  // (check).
  function candidates(year, phrases, gen) {
    var terms = [];
    phrases.forEach(function (p) {
      p.items.forEach(function (it) { if (terms.indexOf(it.term) < 0) terms.push(it.term); });
    });
    return Promise.all(terms.map(function (t) { return postings(year, t); })).then(function (lists) {
      if (gen !== generation || lists.indexOf(null) >= 0) return [];
      var rare = lists.reduce(function (a, p) { return p.docs.length < a.docs.length ? p : a; });
      return rare.docs.filter(function (doc) {
        return lists.every(function (p) { return p.has.has(doc); });
      });
    });
  }
  // check returns those of docs (all in one group of year) that hold
  // every phrase, reading the slots of the group alone.
  function check(year, phrases, docs) {
    var g = Math.floor(docs[0] / GROUP);
    var long = phrases.filter(function (p) { return p.items.length > 1; });
    var terms = [];
    long.forEach(function (p) {
      p.items.forEach(function (it) { if (terms.indexOf(it.term) < 0) terms.push(it.term); });
    });
    if (!terms.length) return Promise.resolve(docs);
    return Promise.all(terms.map(function (t) {
      return postings(year, t).then(function (p) { return groupSlots(year, p, g); });
    })).then(function (lists) {
      var of = new Map();
      terms.forEach(function (t, i) { of.set(t, lists[i]); });
      return docs.filter(function (doc) {
        return long.every(function (p) { return holds(p.items, doc, of); });
      });
    });
  }
  // holds reports whether doc holds the phrase of items at some slot.
  function holds(items, doc, of) {
    var sets = items.map(function (it) { return of.get(it.term).get(doc); });
    if (sets.some(function (s) { return !s; })) return false;
    var rare = 0;
    sets.forEach(function (s, i) { if (s.length < sets[rare].length) rare = i; });
    return sets[rare].some(function (at) {
      var base = at - items[rare].slot;
      return items.every(function (it, i) { return it.slot < 0 || has(sets[i], base + it.slot); });
    });
  }
  function has(sorted, v) {
    var lo = 0, hi = sorted.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] === v) return true;
      if (sorted[mid] < v) lo = mid + 1; else hi = mid - 1;
    }
    return false;
  }

  // Filters: the year is the part; kind, level and round are in facets.
  function wanted(meta, values) {
    return meta.years.filter(function (y) { return !values.year || String(y.year) === values.year; });
  }
  function keep(year, docs, values, meta) {
    if (!values.kind && !values.level && !values.round) return Promise.resolve(docs);
    return json(year.year + '/facets.json').then(function (f) {
      return docs.filter(function (d) {
        return (!values.kind || meta.kinds[f.k[d] - 1] === values.kind) &&
          (!values.level || meta.levels[f.l[d] - 1] === values.level) &&
          (!values.round || f.rounds[f.r[d] - 1] === values.round);
      });
    });
  }

  // The page.
  function values() {
    var v = { q: input.value };
    filters.forEach(function (f) { v[f] = form.elements[f].value; });
    return v;
  }
  function remember(v) {
    var p = new URLSearchParams();
    if (v.q) p.set('q', v.q);
    filters.forEach(function (f) { if (v[f]) p.set(f, v[f]); });
    var qs = p.toString();
    try { history.replaceState(null, '', location.pathname + (qs ? '?' + qs : '')); } catch (e) { /* file:// in some browsers */ }
  }
  function say(text, state) {
    status.textContent = text;
    form.setAttribute('data-state', state);
  }
  function run() {
    var v = values(), gen = ++generation;
    remember(v);
    var phrases = parse(v.q);
    list.textContent = '';
    more.hidden = true;
    if (!phrases.length) { form.setAttribute('data-query', ''); say('', 'idle'); return Promise.resolve(); }
    say('正在搜索……', 'busy');
    return json('index.json').then(function (meta) {
      var years = wanted(meta, v);
      return Promise.all(years.map(function (y) {
        return candidates(y, phrases, gen).then(function (docs) { return keep(y, docs, v, meta); });
      })).then(function (found) {
        if (gen !== generation) return;
        results = [];
        pending = [];
        years.forEach(function (y, i) { found[i].forEach(function (d) { pending.push({ year: y, doc: d }); }); });
        shown = phrases;
        return page(0, gen).then(function () {
          if (gen !== generation) return;
          form.setAttribute('data-query', v.q);
          tell(v.q);
        });
      });
    }).catch(function (e) {
      if (gen === generation) say('搜索索引无法读取，请稍后再试，或按年份浏览。(' + e.message + ')', 'error');
    });
  }
  // tell says how many notices were found: all of them, or at least those
  // checked so far while candidates remain to be checked.
  function tell(q) {
    if (!results.length && !pending.length) say('没有找到含“' + q.trim() + '”的通报', 'done');
    else if (pending.length) say('找到至少 ' + results.length + ' 篇通报', 'done');
    else say('找到 ' + results.length + ' 篇通报', 'done');
  }
  // fill checks the candidates still pending, a group of docs at a time
  // (the slots of a group come in one part), until there are n results
  // or none is pending.
  function fill(n, gen) {
    if (results.length >= n || !pending.length) return Promise.resolve();
    var y = pending[0].year, g = Math.floor(pending[0].doc / GROUP), docs = [];
    while (pending.length && pending[0].year === y && Math.floor(pending[0].doc / GROUP) === g) docs.push(pending.shift().doc);
    return check(y, shown, docs).then(function (found) {
      if (gen !== generation) return;
      found.forEach(function (d) { results.push({ year: y.year, doc: d }); });
      return fill(n, gen);
    }, function (e) {
      // Checked again on the next try.
      if (gen === generation) pending = docs.map(function (d) { return { year: y, doc: d }; }).concat(pending);
      throw e;
    });
  }
  // page shows the results from from on, a page of them, checking as
  // many candidates as it needs; the button waits meanwhile, so that
  // groups are checked one after the other and results stay in order.
  function page(from, gen) {
    more.disabled = true;
    return fill(from + PAGE, gen).then(function () {
      if (gen !== generation) return;
      var slice = results.slice(from, from + PAGE);
      more.disabled = false;
      more.hidden = from + PAGE >= results.length && !pending.length;
      more.onclick = function () {
        page(from + PAGE, gen).then(function () { if (gen === generation) tell(input.value); }, function (e) {
          if (gen !== generation) return;
          more.disabled = false;
          say('搜索索引无法读取，请稍后再试，或按年份浏览。(' + e.message + ')', 'error');
        });
      };
      return Promise.all(slice.map(function (r) {
        var li = document.createElement('li');
        list.appendChild(li);
        return json(r.year + '/d' + Math.floor(r.doc / BLOCK) + '.json').then(function (rows) {
          if (gen === generation) show(li, rows[r.doc % BLOCK]);
        });
      }));
    });
  }
  function show(li, row) {
    var a = document.createElement('a');
    a.href = root + row[0] + (offline ? 'index.html' : '');
    a.textContent = row[1];
    var about = document.createElement('p');
    about.className = 'about';
    var time = document.createElement('time');
    time.dateTime = row[2];
    time.textContent = row[2];
    about.appendChild(time);
    if (row[3]) about.appendChild(document.createTextNode(' · ' + row[3]));
    var snip = document.createElement('p');
    snip.className = 'snippet';
    li.appendChild(a);
    li.appendChild(about);
    li.appendChild(snip);
    var phrases = shown;
    text(row[0], phrases).then(function (t) { snippet(snip, t, phrases); }, function () { /* no snippet */ });
  }
  // text returns the text of the notice at path, as much as its snippet
  // needs: over HTTP the first PREFIX bytes of its page (a range
  // request), and the rest only when they do not hold a match of phrases
  // with the snippet's length after it.
  var PREFIX = 12288;
  function text(path, phrases) {
    if (offline) return loadOffline().then(function (d) { return d.texts[path] || ''; });
    return fetch(root + path, { headers: { Range: 'bytes=0-' + (PREFIX - 1) } }).then(function (r) {
      if (!r.ok) throw new Error(path + ': ' + r.status);
      var range = r.status === 206 && /\/(\d+)$/.exec(r.headers.get('Content-Range') || '');
      return r.arrayBuffer().then(function (b) {
        var head = new Uint8Array(b);
        if (!range || Number(range[1]) <= head.length) return textOf(head);
        var t = textOf(head, true), m = marks(Array.from(t), phrases);
        if (m.length && Math.max(0, m[0][0] - BEFORE) + LENGTH < Array.from(t).length) return t;
        return fetch(root + path, { headers: { Range: 'bytes=' + head.length + '-' } }).then(function (r2) {
          if (r2.status !== 206) return r2.arrayBuffer().then(function (all) { return textOf(new Uint8Array(all)); });
          return r2.arrayBuffer().then(function (rest) {
            var all = new Uint8Array(head.length + rest.byteLength);
            all.set(head);
            all.set(new Uint8Array(rest), head.length);
            return textOf(all);
          });
        });
      });
    });
  }
  // textOf returns the text of a notice's page, or of its first bytes
  // (part): its article, without the dateline.
  function textOf(b, part) {
    var html = utf8.decode(b);
    if (part) html = html.replace(/[\uFFFD]+$/, ''); // a character cut in two
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var art = doc.querySelector('article.notice') || doc.body;
    var line = art.querySelector('.dateline');
    if (line) line.remove();
    return art.textContent.replace(/\s+/g, ' ').trim();
  }
  // marks returns where phrases match in chars, in order, each [from, to).
  function marks(chars, phrases) {
    var folded = chars.map(function (ch) { return String.fromCodePoint(fold(ch.codePointAt(0))); });
    var needles = phrases.map(function (ph) { return Array.from(ph.text); });
    var found = [];
    for (var i = 0; i < folded.length; i++) {
      for (var n = 0; n < needles.length; n++) {
        var w = needles[n], j = 0;
        while (j < w.length && folded[i + j] === w[j]) j++;
        if (j === w.length) { found.push([i, i + w.length]); i += w.length - 1; break; }
      }
    }
    return found;
  }
  var BEFORE = 30, LENGTH = 110; // a snippet's characters before its first match, and in all
  // snippet shows about a hundred characters of t around the first match,
  // each match marked.
  function snippet(p, t, phrases) {
    var chars = Array.from(t), found = marks(chars, phrases);
    var start = found.length ? Math.max(0, found[0][0] - BEFORE) : 0;
    var end = Math.min(chars.length, start + LENGTH);
    if (start > 0) p.appendChild(document.createTextNode('…'));
    var at = start;
    found.forEach(function (m) {
      if (m[0] < at || m[1] > end) return;
      p.appendChild(document.createTextNode(chars.slice(at, m[0]).join('')));
      var mark = document.createElement('mark');
      mark.textContent = chars.slice(m[0], m[1]).join('');
      p.appendChild(mark);
      at = m[1];
    });
    p.appendChild(document.createTextNode(chars.slice(at, end).join('') + (end < chars.length ? '…' : '')));
  }

  // Start: the query and filters from the URL, then search as one types.
  var params = new URLSearchParams(location.search);
  input.value = params.get('q') || '';
  filters.forEach(function (f) { if (params.get(f)) form.elements[f].value = params.get(f); });
  form.addEventListener('submit', function (e) { e.preventDefault(); run(); });
  input.addEventListener('input', run);
  filters.forEach(function (f) { form.elements[f].addEventListener('change', run); });
  form.setAttribute('data-ready', '');
  if (input.value) run();
}());
