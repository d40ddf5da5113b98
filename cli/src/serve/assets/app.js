// protokoll review pages: a document list with filters, a document view with
// the page image beside its records (selecting one draws its stored box on
// the page), and search. Plain DOM, no framework, nothing fetched but /api/.
// Data is only ever put into the page as text (textContent), never as HTML.
'use strict';
(function () {
  var app = document.getElementById('app');
  var LOW_CONFIDENCE = 85;  // OCR pages below this mean confidence are worth a second look

  // --- helpers ---------------------------------------------------------------
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'on') Object.keys(attrs.on).forEach(function (e) { node.addEventListener(e, attrs.on[e]); });
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) node.setAttribute(k, attrs[k]);
    });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      if (Array.isArray(c)) c.forEach(function (x) { if (x) node.appendChild(x); });
      else node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function orDash(v) { return v === null || v === undefined || v === '' ? '–' : String(v); }
  function parseHash() {
    var h = location.hash.replace(/^#/, '') || '/';
    var q = h.indexOf('?');
    var params = new URLSearchParams(q < 0 ? '' : h.slice(q + 1));
    return { parts: (q < 0 ? h : h.slice(0, q)).split('/').filter(Boolean), params: params };
  }
  function query(params) {
    var out = new URLSearchParams();
    Object.keys(params).forEach(function (k) { if (params[k] !== '' && params[k] !== null && params[k] !== undefined) out.set(k, params[k]); });
    var s = out.toString();
    return s ? '?' + s : '';
  }
  // The words of a query, folded, without '*' and quotes: what to mark in text.
  function queryWords(q) {
    return (q || '').toLowerCase().split(/\s+/).map(function (w) { return w.replace(/[*"]/g, ''); }).filter(Boolean);
  }
  // Text with the query's words (as prefixes) marked.
  function marked(text, words) {
    var node = document.createDocumentFragment();
    if (!words.length) { node.appendChild(document.createTextNode(text)); return node; }
    var lower = text.toLowerCase(), at = 0;
    while (at < text.length) {
      var best = -1, len = 0;
      words.forEach(function (w) {
        var i = lower.indexOf(w, at);
        if (i >= 0 && (best < 0 || i < best)) { best = i; len = w.length; }
      });
      if (best < 0) break;
      var end = best + len;
      while (end < text.length && /[\p{L}\p{N}]/u.test(text[end])) end++;  // the whole word
      node.appendChild(document.createTextNode(text.slice(at, best)));
      node.appendChild(el('mark', { text: text.slice(best, end) }));
      at = end;
    }
    node.appendChild(document.createTextNode(text.slice(at)));
    return node;
  }

  // A filter form puts its fields into the address, which the router reads.
  function submitsTo(form, route) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var d = new FormData(form), p = {};
      d.forEach(function (v, k) { p[k] = v; });
      location.hash = route + query(p);
    });
  }

  // --- the API, with the token asked for when the server wants one -----------
  function ApiError(status, error) {
    this.status = status;
    this.code = error && error.code || 'error';
    this.message = error && error.message || ('HTTP ' + status);
  }
  var tokenWaiters = null;
  function askToken() {
    if (tokenWaiters) return new Promise(function (resolve) { tokenWaiters.push(resolve); });
    tokenWaiters = [];
    var dialog = document.getElementById('token-dialog');
    dialog.hidden = false;
    document.getElementById('token-input').focus();
    return new Promise(function (resolve) {
      document.getElementById('token-form').onsubmit = function (e) {
        e.preventDefault();
        var token = document.getElementById('token-input').value.trim();
        // SameSite=Strict: other sites cannot make the browser send it.
        document.cookie = 'protokoll_token=' + encodeURIComponent(token) + '; path=/; SameSite=Strict';
        dialog.hidden = true;
        var waiting = tokenWaiters;
        tokenWaiters = null;
        resolve();
        waiting.forEach(function (w) { w(); });
      };
    });
  }
  function request(path, options) {
    return fetch(path, Object.assign({ credentials: 'same-origin' }, options || {})).then(function (r) {
      if (r.status === 401) return askToken().then(function () { return request(path, options); });
      return r;
    });
  }
  function api(path, options) {
    return request(path, options).then(function (r) {
      return r.json().catch(function () { return null; }).then(function (body) {
        if (!r.ok) throw new ApiError(r.status, body && body.error);
        return body;
      });
    });
  }
  function showError(where, e) {
    clear(where).appendChild(el('p', { class: 'error', role: 'alert', text: (e.code ? e.code + ': ' : '') + (e.message || e) }));
  }

  // --- document list ---------------------------------------------------------
  var listState = { rows: [], selected: -1 };
  function listView(params) {
    var f = {};
    ['body', 'from', 'to', 'method', 'language', 'needs_review'].forEach(function (k) { f[k] = params.get(k) || ''; });
    var form = el('form', { class: 'filters', id: 'filters' },
      el('label', null, 'Body ', el('input', { name: 'body', value: f.body, placeholder: 'part of the name' })),
      el('label', null, 'From ', el('input', { name: 'from', type: 'date', value: f.from })),
      el('label', null, 'To ', el('input', { name: 'to', type: 'date', value: f.to })),
      el('label', null, 'Method ', el('select', { name: 'method' }, ['', 'text', 'ocr', 'mixed'].map(function (m) {
        return el('option', { value: m, selected: m === f.method ? 'selected' : null, text: m || 'any' });
      }))),
      el('label', null, 'Language ', el('input', { name: 'language', value: f.language, size: 3, placeholder: 'sv' })),
      el('label', { title: 'no date, a warning, or an OCR page below ' + LOW_CONFIDENCE + ' % confidence' },
        el('input', { type: 'checkbox', name: 'needs_review', value: '1', checked: f.needs_review === '1' ? 'checked' : null }), ' needs review'),
      el('button', { type: 'submit' }, 'Filter'));
    submitsTo(form, '#/');
    var results = el('div', { id: 'doc-list' }, el('p', { class: 'muted', text: 'Loading…' }));
    clear(app).appendChild(el('section', null, el('h1', null, 'Documents'), form, results));
    api('/api/documents' + query(Object.assign({ limit: 1000 }, f))).then(function (data) {
      listState = { rows: [], selected: -1 };
      var body = el('tbody');
      data.documents.forEach(function (d) {
        var row = el('tr', { tabindex: '-1', 'data-id': d.id, on: { click: function () { location.hash = '#/doc/' + d.id; } } },
          el('td', { text: orDash(d.date) }), el('td', { text: orDash(d.reference) }), el('td', { class: 'wrap', text: orDash(d.body) }),
          el('td', { class: 'wrap', text: orDash(d.title) }), el('td', { class: 'num', text: String(d.pages) }),
          el('td', { text: d.method }), el('td', { text: orDash(d.language) }),
          el('td', { class: 'wrap file' }, d.file, d.needs_review ? el('span', { class: 'badge review', text: 'review' }) : null));
        listState.rows.push(row);
        body.appendChild(row);
      });
      clear(results).appendChild(el('p', { class: 'muted', text: data.total + ' documents' }));
      if (data.documents.length) results.appendChild(el('table', { class: 'list' },
        el('thead', null, el('tr', null, ['Date', 'Reference', 'Body', 'Title', 'Pages', 'Method', 'Lang', 'File'].map(function (h) {
          return el('th', { text: h });
        }))), body));
    }).catch(function (e) { showError(results, e); });
  }
  function moveListSelection(step) {
    if (!listState.rows.length) return;
    var i = Math.max(0, Math.min(listState.rows.length - 1, listState.selected + step));
    if (listState.selected >= 0) listState.rows[listState.selected].classList.remove('selected');
    listState.selected = i;
    listState.rows[i].classList.add('selected');
    listState.rows[i].scrollIntoView({ block: 'nearest' });
  }

  // --- document view ---------------------------------------------------------
  var view = null;  // the open document: {id, doc, records, selected, page, dpi, words}
  function pageInfo(n) { return view.doc.pages[n - 1] || null; }

  function loadPage(n) {
    if (!view || n < 1 || n > Math.max(1, view.doc.pages.length)) return Promise.resolve();
    view.page = n;
    var p = pageInfo(n);
    var bar = document.getElementById('page-info');
    clear(bar).appendChild(el('span', null,
      el('strong', { text: 'Page ' + n + ' of ' + view.doc.pages.length }),
      p && p.label ? ' (“' + p.label + '”)' : '',
      p ? ' · ' + p.method + (p.method_reason ? ' (' + p.method_reason + ')' : '') : '',
      p && p.ocr_confidence !== null ? el('span', { class: p.ocr_confidence < LOW_CONFIDENCE ? 'low' : '', text: ' · OCR confidence ' + p.ocr_confidence }) : '',
      p && p.language ? ' · ' + p.language : ''));
    var frame = document.getElementById('page-frame');
    var img = document.getElementById('page-image');
    var note = document.getElementById('page-note');
    note.textContent = '';
    drawBox();
    return request('/api/documents/' + view.id + '/pages/' + n + '.png').then(function (r) {
      if (!r.ok) return r.json().then(function (b) { throw new ApiError(r.status, b && b.error); });
      view.dpi = Number(r.headers.get('X-Protokoll-Dpi')) || 100;
      return r.blob();
    }).then(function (blob) {
      if (!view || view.page !== n) return;
      if (img.src) URL.revokeObjectURL(img.src);
      img.hidden = false;
      frame.classList.remove('missing');
      return new Promise(function (resolve) {
        img.onload = function () { drawBox(); resolve(); };
        img.src = URL.createObjectURL(blob);
      });
    }).catch(function (e) {
      img.hidden = true;
      frame.classList.add('missing');
      note.textContent = 'No page image: ' + (e.message || e);
    });
  }

  // Draws the selected record's stored box on the page image: PDF points
  // (origin top-left) at dpi/72 pixels per point, then the displayed scale.
  function drawBox() {
    var box = document.getElementById('page-box');
    if (!box) return;
    var rec = view && view.selected >= 0 ? view.records[view.selected] : null;
    var img = document.getElementById('page-image');
    if (!rec || !rec.bbox || rec.page !== view.page || img.hidden || !img.naturalWidth) { box.hidden = true; return; }
    var s = (view.dpi / 72) * (img.clientWidth / img.naturalWidth);
    var b = rec.bbox;
    box.style.left = (b[0] * s) + 'px';
    box.style.top = (b[1] * s) + 'px';
    box.style.width = Math.max(2, (b[2] - b[0]) * s) + 'px';
    box.style.height = Math.max(2, (b[3] - b[1]) * s) + 'px';
    box.hidden = false;
  }

  function select(i, scroll) {
    if (!view || i < 0 || i >= view.records.length) return;
    if (view.selected >= 0) view.records[view.selected].node.classList.remove('selected');
    view.selected = i;
    var rec = view.records[i];
    rec.node.classList.add('selected');
    if (scroll !== false) rec.node.scrollIntoView({ block: 'nearest' });
    var status = document.getElementById('selection');
    status.textContent = rec.bbox ? rec.kind + ' on page ' + rec.page : rec.kind + ': no box is stored for this record';
    if (rec.page && rec.page !== view.page) loadPage(rec.page); else drawBox();
  }
  function nextRecord(step, kind) {
    if (!view) return;
    for (var i = view.selected + step; i >= 0 && i < view.records.length; i += step)
      if (!kind || view.records[i].kind === kind) { select(i); return; }
  }
  function nextLowConfidencePage() {
    var pages = view.doc.pages;
    for (var k = 1; k <= pages.length; k++) {
      var n = (view.page - 1 + k) % pages.length + 1;
      if (pages[n - 1].ocr_confidence !== null && pages[n - 1].ocr_confidence < LOW_CONFIDENCE) { loadPage(n); return; }
    }
    document.getElementById('selection').textContent = 'No OCR page below confidence ' + LOW_CONFIDENCE;
  }

  // One selectable record: its row in the list on the right, and its box.
  function record(kind, node, page, bbox) {
    var i = view.records.length;
    view.records.push({ kind: kind, node: node, page: page || null, bbox: bbox && bbox[2] > bbox[0] ? bbox : null });
    node.classList.add('record');
    node.setAttribute('tabindex', '-1');
    node.addEventListener('click', function () { select(i, false); });
    return node;
  }

  // A button that moves an item's boundary to paragraph `at` (over all items' paragraphs).
  function boundaryButton(item, at, label) {
    return el('button', { type: 'button', class: 'edit', title: label, 'data-field': 'items[' + item + '].start',
      on: { click: function (e) {
        e.stopPropagation();
        api('/api/documents/' + view.id + '/corrections', { method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ field: 'items[' + item + '].start', value: at }) }).then(reloadDocument)
          .catch(function (err) { document.getElementById('selection').textContent = err.code + ': ' + err.message; });
      } } }, label.charAt(0));
  }

  // `at`: this paragraph's index over all items' paragraphs (null in the preamble).
  function paragraphNode(p, words, field, place) {
    var boundaries = [];
    if (place && place.item >= 1 && place.j > 0)
      boundaries.push(boundaryButton(place.item, place.at, '⤒ item ' + view.doc.items[place.item].number + ' starts here'));
    if (place && place.item + 1 < view.doc.items.length)
      boundaries.push(boundaryButton(place.item + 1, place.at, '⤓ item ' + view.doc.items[place.item + 1].number + ' starts here'));
    var node = el('div', { class: 'paragraph' },
      corrected(el('div', { class: 'speaker' }, p.speaker || el('span', { class: 'muted', text: 'no speaker' }),
        el('span', { class: 'muted', text: ' · ' + (p.speaker_source || '–') + ' · p. ' + p.page }),
        editButton(field + '.speaker', p.speaker, 'speaker'), boundaries), p.corrected),
      el('p', { class: 'text' }, marked(p.text, words)));
    if (p.repairs && p.repairs.length) node.appendChild(el('ul', { class: 'repairs', title: 'Line-end hyphens' },
      p.repairs.map(function (r) {
        return el('li', { text: r.original + ' → ' + r.result + ' (' + r.rule + ')' });
      })));
    return record('paragraph', node, p.page, p.bbox);
  }

  // --- corrections -------------------------------------------------------------
  function editButton(field, current, label) {
    return el('button', { type: 'button', class: 'edit', title: 'Correct ' + label, 'data-field': field,
      on: { click: function (e) { e.stopPropagation(); openCorrection(field, current, label); } } }, '✎');
  }
  function openCorrection(field, current, label) {
    var dialog = document.getElementById('correct-dialog');
    var input = document.getElementById('correct-value');
    var error = document.getElementById('correct-error');
    document.getElementById('correct-label').textContent = label;
    document.getElementById('correct-field').textContent = field;
    document.getElementById('correct-old').textContent = orDash(current);
    input.value = current === null || current === undefined ? '' : String(current);
    error.hidden = true;
    dialog.hidden = false;
    input.focus();
    input.select();
    var close = function () { dialog.hidden = true; };
    document.getElementById('correct-cancel').onclick = close;
    document.getElementById('correct-form').onsubmit = function (e) {
      e.preventDefault();
      var raw = input.value.trim();
      var value = raw === '' ? null : field.slice(-7) === '.remote' ? raw === 'true' : raw;
      api('/api/documents/' + view.id + '/corrections', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ field: field, value: value }) }).then(function () {
        close();
        reloadDocument();
      }).catch(function (err) {
        error.textContent = (err.code ? err.code + ': ' : '') + err.message;
        error.hidden = false;
      });
    };
  }
  function reloadDocument() {
    var keep = { page: view.page, selected: view.selected };
    documentView(view.id, new URLSearchParams(''), keep);
  }
  function correctionsNode(id) {
    var box = el('div', { id: 'corrections' });
    api('/api/documents/' + id + '/corrections').then(function (data) {
      if (!data.corrections.length) { box.appendChild(el('p', { class: 'muted', text: 'None yet. ✎ corrects a value.' })); return; }
      box.appendChild(el('ul', { class: 'corrections' }, data.corrections.map(function (c) {
        var undone = c.undone_at !== null;
        return el('li', { class: undone ? 'undone' : '' },
          el('code', { text: c.field }), ': ' + JSON.stringify(c.old) + ' → ' + JSON.stringify(c.new) + ' · ' + c.who + ' · ' + c.at,
          c.conflict ? el('span', { class: 'low', text: ' · pipeline ' + c.conflict.pipeline_version + ' derives ' + JSON.stringify(c.conflict.derived) }) : null,
          undone ? el('span', { class: 'muted', text: ' · undone by ' + c.undone_by }) :
            el('button', { type: 'button', class: 'undo', on: { click: function () {
              api('/api/corrections/' + c.number + '/undo', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
                .then(reloadDocument).catch(function (e) { showError(box, e); });
            } } }, 'Undo'));
      })));
    }).catch(function (e) { showError(box, e); });
    return box;
  }
  function corrected(node, isCorrected) {
    if (isCorrected) { node.classList.add('corrected'); node.appendChild(el('span', { class: 'badge', text: 'corrected' })); }
    return node;
  }

  function metadataNode(doc) {
    var m = doc.metadata, dl = el('dl', { class: 'metadata' });
    [['Title', 'title'], ['Body', 'body'], ['Reference', 'reference'], ['Date', 'date'], ['Start', 'start_time'],
     ['End', 'end_time'], ['Place', 'place'], ['Chair', 'chair'], ['Secretary', 'secretary'],
     ['Adjusters', null, (m.adjusters || []).join(', ')], ['Next meeting', 'next_meeting'], ['Language', null, doc.language]].forEach(function (row) {
      var value = row[1] ? m[row[1]] : row[2];
      dl.appendChild(el('dt', { text: row[0] }));
      dl.appendChild(el('dd', { 'data-field': row[1] ? 'metadata.' + row[1] : null }, orDash(value),
        row[1] ? editButton('metadata.' + row[1], value, row[0].toLowerCase()) : null));
    });
    return corrected(el('div', null, dl), m.corrected);
  }

  function attendeesNode(doc) {
    if (!doc.attendees.length) return el('p', { class: 'muted', text: 'No attendees found.' });
    return el('table', { class: 'attendees' }, el('tbody', null, doc.attendees.map(function (a, i) {
      var f = 'attendees[' + i + '].';
      var name = corrected(el('td', null, a.name, editButton(f + 'name', a.name, 'attendee name')), a.corrected);
      return record('attendee', el('tr', null, name, el('td', { text: orDash(a.organization) }),
        el('td', { text: orDash(a.role) }), el('td', null, a.status + (a.remote ? ' (remote)' : ''), editButton(f + 'status', a.status, 'attendance (present, absent, substitute)'))));
    })));
  }

  function itemsNode(doc, words) {
    var at = 0;  // paragraphs of the items before
    return el('div', { class: 'items' }, doc.items.map(function (it, i) {
      var f = 'items[' + i + ']';
      var heading = record('item', corrected(el('h3', { class: 'item-title' }, el('span', { class: 'num', text: it.number }),
        editButton(f + '.number', it.number, 'item number'), ' ', it.title, editButton(f + '.title', it.title, 'item title'),
        it.presenters.length ? el('span', { class: 'muted', text: ' · ' + it.presenters.join(', ') }) : null), it.corrected), it.page, it.bbox);
      return el('section', { class: 'item' }, heading,
        it.paragraphs.map(function (p, j) { return paragraphNode(p, words, f + '.paragraphs[' + j + ']', { item: i, j: j, at: at++ }); }),
        it.decisions.map(function (d) {
          return record('decision', el('div', { class: 'decision' }, el('strong', { text: 'Decision' + (d.outcome ? ' (' + d.outcome + ')' : '') + ': ' }), d.text), d.page, d.bbox);
        }));
    }));
  }

  function documentView(id, params, keep) {
    clear(app).appendChild(el('p', { class: 'muted', text: 'Loading…' }));
    var words = queryWords(params.get('q'));
    api('/api/documents/' + encodeURIComponent(id) + '?repairs=1').then(function (doc) {
      view = { id: doc.id, doc: doc, records: [], selected: -1, page: 0, dpi: 100 };
      var pane = el('section', { class: 'page-pane' },
        el('div', { class: 'page-bar' },
          el('button', { type: 'button', title: 'Previous page ([)', on: { click: function () { loadPage(view.page - 1); } } }, '‹'),
          el('span', { id: 'page-info' }),
          el('button', { type: 'button', title: 'Next page (])', on: { click: function () { loadPage(view.page + 1); } } }, '›')),
        el('div', { id: 'page-frame', class: 'page-frame' },
          el('img', { id: 'page-image', alt: 'page image', hidden: 'hidden' }), el('div', { id: 'page-box', class: 'box', hidden: 'hidden' })),
        el('p', { id: 'page-note', class: 'note' }));
      var side = el('section', { class: 'records-pane' },
        el('h1', { class: 'doc-title', text: doc.metadata.title || doc.source.file }),
        el('p', { class: 'muted file', text: doc.source.file + ' · ' + doc.id.slice(0, 12) + ' · ' + doc.source.pages + ' pages · pipeline ' + doc.pipeline_version }),
        el('p', { id: 'selection', class: 'selection', 'aria-live': 'polite' }),
        el('h2', { text: 'Metadata' }), metadataNode(doc),
        el('h2', { text: 'Attendees (' + doc.attendees.length + ')' }), attendeesNode(doc),
        doc.preamble.length ? el('h2', { text: 'Before the first item' }) : null,
        el('div', { class: 'preamble' }, doc.preamble.map(function (p, j) { return paragraphNode(p, words, 'preamble[' + j + ']'); })),
        el('h2', { text: 'Items (' + doc.items.length + ')' }), itemsNode(doc, words),
        el('h2', { text: 'Corrections' }), correctionsNode(doc.id),
        doc.warnings.length ? el('h2', { text: 'Warnings' }) : null,
        el('ul', { class: 'warnings' }, doc.warnings.map(function (w) {
          return el('li', { text: w.code + (w.page ? ' (page ' + w.page + ')' : '') + ': ' + w.message });
        })));
      clear(app).appendChild(el('div', { class: 'doc' }, pane, side));
      var page = keep ? keep.page : Number(params.get('page')) || 1;
      loadPage(page).then(function () {
        if (keep && keep.selected >= 0) { select(keep.selected); return; }
        // Landing from a search hit: the first paragraph on the page with a query word.
        if (!words.length) return;
        for (var i = 0; i < view.records.length; i++) {
          var r = view.records[i];
          if (r.page === page && r.node.querySelector('mark')) { select(i); return; }
        }
      });
    }).catch(function (e) { showError(app, e); });
  }

  // --- search ----------------------------------------------------------------
  function searchView(params) {
    var f = {};
    ['q', 'speaker', 'body', 'from', 'to'].forEach(function (k) { f[k] = params.get(k) || ''; });
    var form = el('form', { class: 'filters', id: 'search-form' },
      el('input', { name: 'q', type: 'search', value: f.q, placeholder: 'words; a trailing * makes a prefix', size: 30, 'aria-label': 'Words' }),
      el('label', null, 'Speaker ', el('input', { name: 'speaker', value: f.speaker })),
      el('label', null, 'Body ', el('input', { name: 'body', value: f.body })),
      el('label', null, 'From ', el('input', { name: 'from', type: 'date', value: f.from })),
      el('label', null, 'To ', el('input', { name: 'to', type: 'date', value: f.to })),
      el('button', { type: 'submit' }, 'Search'));
    submitsTo(form, '#/search');
    var results = el('div', { id: 'hits' });
    clear(app).appendChild(el('section', null, el('h1', null, 'Search'), form, results));
    if (!f.q) { form.elements.q.focus(); return; }
    api('/api/search' + query(Object.assign({ limit: 100 }, f))).then(function (data) {
      if (!data.hits.length) { clear(results).appendChild(el('p', { class: 'muted', text: 'Nothing found. Try a prefix (vårdplats*) or fewer filters.' })); return; }
      clear(results).appendChild(el('ol', { class: 'hits' }, data.hits.map(function (h) {
        var snippet = el('p', { class: 'snippet' });
        h.snippet.split(/(«[^»]*»)/).forEach(function (part) {
          if (part.charAt(0) === '«') snippet.appendChild(el('mark', { text: part.slice(1, -1) }));
          else if (part) snippet.appendChild(document.createTextNode(part));
        });
        return el('li', null, el('a', { href: '#/doc/' + h.id + query({ page: h.page, q: f.q }) },
          el('span', { class: 'hit-head', text: orDash(h.date) + ' · ' + orDash(h.reference) + ' · ' +
            (h.item_number ? h.item_number + ' ' + orDash(h.item_title) : '–') + ' · p. ' + h.page + (h.speaker ? ' · ' + h.speaker : '') }),
          snippet, el('span', { class: 'muted file', text: h.file })));
      })));
      if (data.more) results.appendChild(el('p', { class: 'muted', text: 'Showing the best ' + data.hits.length + ' hits; there are more.' }));
    }).catch(function (e) { showError(results, e); });
  }

  // --- status: counts and inputs that failed -----------------------------------
  function statusView() {
    var counts = el('div', { id: 'stats' }), failed = el('div', { id: 'failures' });
    clear(app).appendChild(el('section', null, el('h1', null, 'Status'), counts, el('h2', { text: 'Inputs that failed' }), failed));
    api('/api/stats').then(function (s) {
      counts.appendChild(el('dl', { class: 'metadata' }, Object.keys(s).map(function (k) {
        return [el('dt', { text: k.replace(/_/g, ' ') }), el('dd', { 'data-stat': k, text: String(s[k]) })];
      }).reduce(function (a, b) { return a.concat(b); }, [])));
    }).catch(function (e) { showError(counts, e); });
    api('/api/failures').then(function (f) {
      if (!f.failures.length) { failed.appendChild(el('p', { class: 'muted', text: 'None.' })); return; }
      failed.appendChild(el('table', { class: 'list' }, el('tbody', null, f.failures.map(function (x) {
        return el('tr', null, el('td', { class: 'wrap file', text: x.path }), el('td', { text: x.code }),
          el('td', { class: 'wrap', text: x.message }), el('td', { text: x.recorded_at }));
      }))));
    }).catch(function (e) { showError(failed, e); });
  }

  // --- routing and keys ------------------------------------------------------
  function route() {
    var h = parseHash();
    if (h.parts[0] === 'doc' && h.parts[1]) {
      if (view && view.id.indexOf(h.parts[1]) === 0 && h.params.get('page')) { loadPage(Number(h.params.get('page'))); return; }
      documentView(h.parts[1], h.params);
      return;
    }
    view = null;
    if (h.parts[0] === 'search') searchView(h.params);
    else if (h.parts[0] === 'status') statusView();
    else listView(h.params);
  }

  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (!document.getElementById('correct-dialog').hidden) {
      if (e.key === 'Escape') document.getElementById('correct-dialog').hidden = true;
      return;
    }
    if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA') || e.ctrlKey || e.metaKey || e.altKey) {
      if (e.key === 'Escape' && t.blur) t.blur();
      return;
    }
    var k = e.key, handled = true;
    if (k === '/') document.getElementById('quick-q').focus();
    else if (view) {
      if (k === 'j' || k === 'ArrowDown') nextRecord(1);
      else if (k === 'k' || k === 'ArrowUp') nextRecord(-1);
      else if (k === 'n') nextRecord(1, 'item');
      else if (k === 'p') nextRecord(-1, 'item');
      else if (k === ']' || k === 'PageDown') loadPage(view.page + 1);
      else if (k === '[' || k === 'PageUp') loadPage(view.page - 1);
      else if (k === 'l') nextLowConfidencePage();
      else if (k === 'Escape') location.hash = '#/';
      else handled = false;
    } else if (listState.rows.length) {
      if (k === 'j' || k === 'ArrowDown') moveListSelection(1);
      else if (k === 'k' || k === 'ArrowUp') moveListSelection(-1);
      else if (k === 'Enter' && listState.selected >= 0) location.hash = '#/doc/' + listState.rows[listState.selected].getAttribute('data-id');
      else handled = false;
    } else handled = false;
    if (handled) e.preventDefault();
  });
  document.getElementById('quick-search').addEventListener('submit', function (e) {
    e.preventDefault();
    location.hash = '#/search' + query({ q: document.getElementById('quick-q').value });
  });
  window.addEventListener('resize', drawBox);
  window.addEventListener('hashchange', route);
  route();
})();
