/* cablelint report: findings table (filter, sort, pages) and cable view.
   Data is columnar (report-data); text reaches the DOM only via textContent. */
(function () {
  "use strict";
  var root = document.documentElement;
  try {
    var D = JSON.parse(document.getElementById("report-data").textContent);
    var S = D.strings, F = D.findings, C = D.docs, SEV = D.severities, PAGE = 100;
    var n = F.doc.length, col = {};
    ["doc", "rule", "sev", "line", "col", "eline", "ecol", "msg"].forEach(function (k) { col[k] = Int32Array.from(F[k]); });
    var dpost = Int32Array.from(C.post), dyear = Int32Array.from(C.year), dpath = Int32Array.from(C.path);
    var ruleName = {}, famOf = new Int32Array(S.length).fill(-1);
    D.rules.id.forEach(function (sid, k) { ruleName[sid] = S[D.rules.name[k]]; famOf[sid] = D.rules.family[k]; });
    var $ = function (id) { return document.getElementById(id); };
    var str = function (i) { return i < 0 ? "unknown" : S[i]; };
    var el = function (tag, text, cls) {
      var e = document.createElement(tag);
      if (text !== undefined && text !== null) e.textContent = String(text);
      if (cls) e.className = cls;
      return e;
    };
    /* the table shows paths after the directory all cables share */
    var common = (function () {
      if (!dpath.length) return "";
      var first = S[dpath[0]], cut = first.lastIndexOf("/") + 1;
      for (var d = 1; d < dpath.length && cut > 0; d++) {
        var p = S[dpath[d]];
        while (cut > 0 && p.slice(0, cut) !== first.slice(0, cut)) cut = first.lastIndexOf("/", cut - 2) + 1;
      }
      return first.slice(0, cut);
    })();
    var shortPath = function (d) { return S[dpath[d]].slice(common.length); };
    var state = { fam: -1, rule: -1, sev: -1, post: -2, year: -1, path: "", key: "path", dir: 1, page: 0 };
    var view = new Uint32Array(0);

    function fillSelect(sel, counts, label) {
      Object.keys(counts).map(Number).sort(function (a, b) { return counts[b] - counts[a] || label(a).localeCompare(label(b)); })
        .forEach(function (k) { var o = el("option", label(k) + " (" + counts[k].toLocaleString() + ")"); o.value = k; sel.appendChild(o); });
    }
    function tally(get) { var c = {}; for (var i = 0; i < n; i++) { var k = get(i); c[k] = (c[k] || 0) + 1; } return c; }
    fillSelect($("f-rule"), tally(function (i) { return col.rule[i]; }), function (k) {
      return S[k] + " " + (ruleName[k] || "");
    });
    fillSelect($("f-fam"), tally(function (i) { return famOf[col.rule[i]]; }), str);
    fillSelect($("f-sev"), tally(function (i) { return col.sev[i]; }), function (k) { return SEV[k]; });
    fillSelect($("f-post"), tally(function (i) { return dpost[col.doc[i]]; }), str);
    var years = tally(function (i) { return dyear[col.doc[i]]; });
    Object.keys(years).map(Number).sort(function (a, b) { return a - b; }).forEach(function (y) {
      var o = el("option", (y ? y : "unknown") + " (" + years[y].toLocaleString() + ")"); o.value = y; $("f-year").appendChild(o);
    });

    var rank = null;  /* string index -> alphabetical rank, built on the first text sort */
    function sortKey(key) {
      if (key === "line") return function (i) { return col.line[i]; };
      if (key === "sev") return function (i) { return -col.sev[i]; };
      if (key === "year") return function (i) { return dyear[col.doc[i]]; };
      if (!rank) {
        var order = S.map(function (_, i) { return i; }).sort(function (a, b) { return S[a] < S[b] ? -1 : S[a] > S[b] ? 1 : 0; });
        rank = new Int32Array(S.length); order.forEach(function (s, r) { rank[s] = r; });
      }
      var rk = function (s) { return s < 0 ? -1 : rank[s]; };
      if (key === "path") return function (i) { return rk(dpath[col.doc[i]]); };
      if (key === "post") return function (i) { return rk(dpost[col.doc[i]]); };
      return function (i) { return rk(col[key][i]); };
    }

    /* Every sort key is a small integer (a rank, a line, a year), so a stable
       counting sort orders 1M rows in a few passes; ties keep path/line order. */
    function countingSort(idx, keyOf, dir) {
      var m = idx.length, keys = new Int32Array(m), lo = 0, hi = 0;
      for (var j = 0; j < m; j++) {
        var v = dir * keyOf(idx[j]); keys[j] = v;
        if (j === 0 || v < lo) lo = v;
        if (j === 0 || v > hi) hi = v;
      }
      var count = new Int32Array(hi - lo + 2), out = new Uint32Array(m);
      for (j = 0; j < m; j++) count[keys[j] - lo + 1]++;
      for (var c = 1; c < count.length; c++) count[c] += count[c - 1];
      for (j = 0; j < m; j++) out[count[keys[j] - lo]++] = idx[j];
      return out;
    }

    function apply() {
      var out = new Uint32Array(n), m = 0, p = state.path.toLowerCase(), pathOk = null;
      if (p) { pathOk = new Uint8Array(dpath.length); for (var d = 0; d < dpath.length; d++) pathOk[d] = S[dpath[d]].toLowerCase().indexOf(p) >= 0 ? 1 : 0; }
      for (var i = 0; i < n; i++) {
        var doc = col.doc[i];
        if (state.rule >= 0 && col.rule[i] !== state.rule) continue;
        if (state.fam >= 0 && famOf[col.rule[i]] !== state.fam) continue;
        if (state.sev >= 0 && col.sev[i] !== state.sev) continue;
        if (state.post > -2 && dpost[doc] !== state.post) continue;
        if (state.year >= 0 && dyear[doc] !== state.year) continue;
        if (pathOk && !pathOk[doc]) continue;
        out[m++] = i;
      }
      view = out.subarray(0, m);
      if (state.key !== "path" || state.dir !== 1) view = countingSort(view, sortKey(state.key), state.dir);
      state.page = 0;
      render();
    }

    function render() {
      var tb = $("rows"), frag = document.createDocumentFragment(), pages = Math.max(1, Math.ceil(view.length / PAGE));
      state.page = Math.min(state.page, pages - 1);
      var lo = state.page * PAGE, hi = Math.min(view.length, lo + PAGE);
      for (var r = lo; r < hi; r++) {
        var i = view[r], d = col.doc[i], tr = document.createElement("tr"), a = el("a", shortPath(d));
        a.href = "#cable=" + d; a.title = S[dpath[d]];
        var c0 = el("td"); c0.appendChild(a); tr.appendChild(c0);
        var c1 = el("td"), la = el("a", col.line[i] + ":" + col.col[i]);
        la.href = "#cable=" + d + "/" + col.line[i]; c1.appendChild(la); tr.appendChild(c1);
        var rid = S[col.rule[i]], c2 = el("td"), ra = el("a", rid); ra.href = "#rule-" + rid;
        c2.appendChild(ra); tr.appendChild(c2);
        var sv = SEV[col.sev[i]], c3 = el("td"); c3.appendChild(el("span", sv, "pill sev-" + sv)); tr.appendChild(c3);
        tr.appendChild(el("td", str(dpost[d])));
        tr.appendChild(el("td", dyear[d] || "unknown"));
        tr.appendChild(el("td", S[col.msg[i]], "msg"));
        frag.appendChild(tr);
      }
      tb.replaceChildren(frag);
      $("count").textContent = view.length.toLocaleString() + " of " + n.toLocaleString() + " findings" +
        (view.length ? "; showing " + (lo + 1).toLocaleString() + "\u2013" + hi.toLocaleString() : "");
      $("page").textContent = "page " + (state.page + 1) + " of " + pages;
      $("prev").disabled = state.page === 0; $("next").disabled = state.page >= pages - 1;
      document.querySelectorAll("th[aria-sort]").forEach(function (th) { th.removeAttribute("aria-sort"); });
      var th = document.querySelector('[data-sort="' + state.key + '"]').parentNode;
      th.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
    }

    function setFilter(name, value) {
      var sel = { fam: "f-fam", rule: "f-rule", sev: "f-sev", post: "f-post", year: "f-year" }[name];
      var opt = Array.prototype.find.call($(sel).options, function (o) {
        return o.value !== "" && (name === "year" ? o.value === String(value) : str(+o.value) === value);
      });
      $(sel).value = opt ? opt.value : "";
      readFilters();
    }
    function readFilters() {
      state.fam = $("f-fam").value === "" ? -1 : +$("f-fam").value;
      state.rule = $("f-rule").value === "" ? -1 : +$("f-rule").value;
      state.sev = $("f-sev").value === "" ? -1 : +$("f-sev").value;
      state.post = $("f-post").value === "" ? -2 : +$("f-post").value;
      state.year = $("f-year").value === "" ? -1 : +$("f-year").value;
      state.path = $("f-path").value.trim();
      apply();
    }
    ["f-fam", "f-rule", "f-sev", "f-post", "f-year"].forEach(function (id) { $(id).addEventListener("change", readFilters); });
    var typing; $("f-path").addEventListener("input", function () { clearTimeout(typing); typing = setTimeout(readFilters, 200); });
    $("f-clear").addEventListener("click", function () { $("filters").reset(); readFilters(); });
    $("prev").addEventListener("click", function () { state.page--; render(); });
    $("next").addEventListener("click", function () { state.page++; render(); });
    document.querySelectorAll("th button[data-sort]").forEach(function (b) {
      b.addEventListener("click", function () {
        var k = b.getAttribute("data-sort");
        state.dir = state.key === k ? -state.dir : 1; state.key = k; apply();
      });
    });
    function chartFilter(e) {
      var t = e.target.closest("[data-filter-rule],[data-filter-year],[data-filter-post],[data-filter-family]");
      if (!t || (e.type === "keydown" && e.key !== "Enter" && e.key !== " ")) return;
      e.preventDefault();
      $("filters").reset();
      if (t.hasAttribute("data-filter-family")) setFilter("fam", t.getAttribute("data-filter-family"));
      if (t.hasAttribute("data-filter-rule")) setFilter("rule", t.getAttribute("data-filter-rule"));
      if (t.hasAttribute("data-filter-year")) setFilter("year", +t.getAttribute("data-filter-year"));
      if (t.hasAttribute("data-filter-post")) setFilter("post", t.getAttribute("data-filter-post"));
      if (location.hash.indexOf("#cable=") === 0) history.pushState(null, "", "#findings");
      showCable(-1);
      $("findings").scrollIntoView();
    }
    document.addEventListener("click", chartFilter);
    document.addEventListener("keydown", chartFilter);

    var SRC = {};  /* chunk number -> its parsed {docIndex: text} */
    function sourceOf(d) {
      var tag = $("report-source");
      if (!tag) return null;
      var k = Math.floor(d / +tag.getAttribute("data-chunk-size"));
      if (!(k in SRC)) {
        var chunk = document.querySelector('script[data-src-chunk="' + k + '"]');
        SRC[k] = chunk ? JSON.parse(chunk.textContent) : {};
      }
      var t = SRC[k][String(d)];
      return t === undefined ? null : t.split("\n");
    }
    function showCable(d, line) {
      var sec = $("cable"), main = document.querySelectorAll("main > section:not(#cable)");
      main.forEach(function (s) { s.hidden = d >= 0; });
      sec.hidden = d < 0;
      if (d < 0) return;
      var mine = [];
      for (var i = 0; i < n; i++) if (col.doc[i] === d) mine.push(i);
      $("cable-title").textContent = S[dpath[d]];
      $("cable-meta").textContent = ["date " + str(C.date[d]), "post " + str(dpost[d]), "level " + str(C.level[d]),
        "era " + str(C.era[d]), mine.length + " finding" + (mine.length === 1 ? "" : "s")].join(" \u00b7 ");
      var body = $("cable-body"), lines = sourceOf(d);
      body.replaceChildren();
      var note = function (i) {
        return SEV[col.sev[i]] + " " + S[col.rule[i]] + " at " + col.line[i] + ":" + col.col[i] + "\u2013" +
          col.eline[i] + ":" + col.ecol[i] + ": " + S[col.msg[i]];
      };
      if (!lines) {
        body.appendChild(el("p", $("report-source") ? "This cable has no findings, so its text is not in the report." :
          "The cable text is not in this report (it was made without --show-source); " +
          "the findings are at these positions (line:column):", "caption"));
        var ul = el("ul", null, "positions");
        mine.forEach(function (i) { ul.appendChild(el("li", note(i))); });
        body.appendChild(ul);
      } else {
        var at = {};
        mine.forEach(function (i) { for (var l = col.line[i]; l <= col.eline[i]; l++) (at[l] = at[l] || []).push(i); });
        var box = el("div", null, "src");
        lines.forEach(function (text, k) {
          var no = k + 1, row = el("div", null, "ln" + (at[no] ? " hit" : ""));
          row.id = "L" + no;
          row.appendChild(el("span", no, "no")); row.appendChild(el("span", text, "tx"));
          var side = el("span", null, "notes");
          (at[no] || []).forEach(function (i) { if (col.line[i] === no) side.appendChild(el("div", note(i))); });
          row.appendChild(side); box.appendChild(row);
        });
        body.appendChild(box);
      }
      var target = line && document.getElementById("L" + line);
      if (target) { target.scrollIntoView({ block: "center" }); target.classList.add("focus"); }
      else window.scrollTo(0, 0);
    }
    function route() {
      var m = /^#cable=(\d+)(?:\/(\d+))?$/.exec(location.hash);
      showCable(m && +m[1] < dpath.length ? +m[1] : -1, m && m[2] ? +m[2] : 0);
    }
    window.addEventListener("hashchange", route);
    apply();
    route();
    root.setAttribute("data-ready", "1");
  } catch (err) {
    root.setAttribute("data-error", String(err && err.stack || err));
    throw err;
  }
})();
