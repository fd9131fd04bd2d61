/* geomap: citations of the map, the evidence of a popup and the "Sources" list of every article cited. */
geomap.cite = (function () {
  var el = geomap.el;
  var MAX_NUMBERS = 40;  // sources listed by number in a popup; the Sources list has them all
  // only http and https addresses become links; any other scheme (javascript:, data:, file:) stays text
  function isWeb(href) {
    if (!href) { return false; }
    try { return ["http:", "https:"].indexOf(new URL(href).protocol) >= 0; } catch (e) { return false; }
  }
  function address(article) {
    if (!article.url) { return null; }
    if (isWeb(article.href)) {
      var a = el("a", "gm-url", article.url);
      a.setAttribute("href", article.href);
      a.setAttribute("rel", "noopener noreferrer");
      a.setAttribute("target", "_blank");
      return a;
    }
    return el("span", "gm-url", article.url);
  }
  // "[n] title — outlet, date — address": title and outlet may be Arabic, so each is isolated in a <bdi>
  function reference(article, into) {
    var parts = [];
    if (article.title) { parts.push(el("bdi", "gm-source-title", article.title)); }
    var where = [article.outlet, article.published].filter(Boolean).join(", ");
    if (where) { parts.push(el("bdi", null, where)); }
    var link = address(article);
    if (link) { parts.push(link); }
    parts.forEach(function (part, i) {
      if (i) { into.appendChild(document.createTextNode(" — ")); }
      into.appendChild(part);
    });
    return into;
  }
  function number(n) {
    var button = el("button", "gm-source-n", "[" + n + "]");
    button.setAttribute("type", "button");
    button.setAttribute("title", "Show in the list of sources");
    button.addEventListener("click", function () { show(n); });
    return button;
  }
  // the quotes of a popup (the most recent few), each cited, the count of the others and the sources by number
  function evidence(box, p, tables) {
    var shown = (p.ev || []).map(function (i) { return tables.sentences[i]; });
    var total = p.evn || shown.length;
    if (!shown.length) { return box; }
    box.appendChild(el("div", "gm-head", "Evidence (" + total + ")"));
    shown.forEach(function (e) {
      var id = e[0], article = tables.articles[id] || {};
      var quote = el("blockquote", "gm-evidence", e[3]);
      quote.setAttribute("dir", "rtl");
      quote.setAttribute("lang", "ar");
      box.appendChild(quote);
      var cite = el("div", "gm-cite");
      if (article.n) { cite.appendChild(number(article.n)); cite.appendChild(document.createTextNode(" ")); }
      reference(article, cite);
      cite.appendChild(el("span", "gm-offsets", " · " + id + ", characters " + e[1] + "–" + e[2]));
      box.appendChild(cite);
    });
    if (total > shown.length) {
      box.appendChild(el("div", "gm-more", "… and " + (total - shown.length) + " more"));
    }
    if ((p.src || []).length) {
      var line = el("div", "gm-sources-line", "Sources: ");
      p.src.slice(0, MAX_NUMBERS).forEach(function (n) {
        line.appendChild(number(n));
        line.appendChild(document.createTextNode(" "));
      });
      if (p.src.length > MAX_NUMBERS) {
        line.appendChild(document.createTextNode("and " + (p.src.length - MAX_NUMBERS) + " more"));
      }
      box.appendChild(line);
    }
    return box;
  }
  var panel = null, fill = null;
  // the "Sources" control: a folded list of every article the map cites, by number; its items are made when it
  // first opens (a corpus of thousands of articles costs the page nothing until then)
  function sources(tables) {
    var control = L.control({position: "topright"});
    control.onAdd = function () {
      var articles = Object.keys(tables.articles).map(function (k) { return tables.articles[k]; });
      articles.sort(function (a, b) { return a.n - b.n; });
      var details = el("details", "gm-sources");
      details.appendChild(el("summary", null, "Sources (" + articles.length + ")"));
      var list = el("ol");
      details.appendChild(list);
      fill = function () {
        if (!articles) { return; }
        articles.forEach(function (article) {
          var item = el("li");
          item.setAttribute("value", String(article.n));
          item.id = "gm-source-" + article.n;
          reference(article, item);
          list.appendChild(item);
        });
        articles = null;
      };
      details.addEventListener("toggle", function () { if (details.open) { fill(); } });
      L.DomEvent.disableClickPropagation(details);
      L.DomEvent.disableScrollPropagation(details);
      panel = details;
      return details;
    };
    return control;
  }
  function show(n) {
    if (!panel) { return; }
    fill();
    panel.open = true;
    var item = document.getElementById("gm-source-" + n);
    if (!item) { return; }
    Array.prototype.forEach.call(panel.querySelectorAll(".gm-current"), function (x) {
      x.classList.remove("gm-current");
    });
    item.classList.add("gm-current");
    item.scrollIntoView({block: "nearest"});
  }
  return {evidence: evidence, sources: sources, show: show, isWeb: isWeb};
})();
