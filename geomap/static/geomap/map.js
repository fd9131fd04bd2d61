/* geomap: popups, route arrows, event markers and clustered timelines of the map. */
var geomap = (function () {
  var MAX_EVIDENCE = 6;
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function popup(p) {
    var box = el("div", "gm-popup");
    box.appendChild(el("div", "gm-summary", p.summary || p.label));
    var table = el("table");
    (p.fields || []).forEach(function (f) {
      var tr = el("tr");
      tr.appendChild(el("th", null, f[0]));
      tr.appendChild(el("td", null, f[1]));
      table.appendChild(tr);
    });
    box.appendChild(table);
    var evidence = p.evidence || [];
    if (evidence.length) {
      box.appendChild(el("div", "gm-head", "Evidence (" + evidence.length + ")"));
      evidence.slice(0, MAX_EVIDENCE).forEach(function (e) {
        var quote = el("blockquote", "gm-evidence", e.text);
        quote.setAttribute("dir", "rtl");
        quote.setAttribute("lang", "ar");
        box.appendChild(quote);
        var where = [e.title, e.source, (e.article || "") + " · characters " + e.start + "–" + e.end];
        var cite = el("div", "gm-cite", where.filter(function (x) { return x; }).join(" — "));
        cite.setAttribute("dir", "auto");
        box.appendChild(cite);
      });
      if (evidence.length > MAX_EVIDENCE) {
        box.appendChild(el("div", "gm-more", "+ " + (evidence.length - MAX_EVIDENCE) + " more"));
      }
    }
    return box;
  }
  function label(p) { return function () { return el("span", null, p.label); }; }
  var routeRenderer = L.svg({padding: 0.5});
  // leaflet-textpath writes into map._renderer; routes draw on their own SVG renderer under a canvas map
  ["setText", "onRemove"].forEach(function (method) {
    var original = L.Polyline.prototype[method];
    L.Polyline.prototype[method] = function (map) {
      var owner = this._map || map;
      if (!owner || !(this._renderer instanceof L.SVG) || owner._renderer === this._renderer) {
        return original.apply(this, arguments);
      }
      var saved = owner._renderer;
      owner._renderer = this._renderer;
      try { return original.apply(this, arguments); } finally { owner._renderer = saved; }
    };
  });
  function routeStyle(feature) {
    var p = feature.properties;
    return {color: p._c, weight: p._w, opacity: p._o, dashArray: p._d, lineCap: "round", lineJoin: "round"};
  }
  function eachRoute(feature, layer) {
    var p = feature.properties;
    layer.bindPopup(function () { return popup(p); }, {maxWidth: 460, minWidth: 300, autoPanPadding: [40, 60]});
    layer.bindTooltip(label(p), {sticky: true});
    if (layer.setText) {
      var size = Math.round(16 + p._w * 1.6);
      layer.setText("\u25BA", {center: true, offset: Math.round(size * 0.33),
        attributes: {fill: p._c, "font-size": size + "px", "fill-opacity": "0.95"}});
    }
  }
  function eventMarker(feature) {
    var p = feature.properties;
    var c = feature.geometry.coordinates;
    var badge = el("div", "gm-ev", p._g);
    badge.style.background = p._c;
    var marker = L.marker([c[1], c[0]], {icon: L.divIcon({html: badge, className: "gm-ev-icon",
      iconSize: [22, 22], iconAnchor: [11, 11], popupAnchor: [0, -10]})});
    marker.feature = feature;
    marker.bindPopup(function () { return popup(p); }, {maxWidth: 460, minWidth: 300, autoPanPadding: [40, 60]});
    marker.bindTooltip(label(p), {direction: "top", offset: [0, -10]});
    return marker;
  }
  function countryStyle(feature) {
    var c = feature.properties._c;
    return {color: c, weight: 1, opacity: 0.8, fillColor: c, fillOpacity: 0.22};
  }
  function eachCountry(feature, layer) { layer.bindTooltip(label(feature.properties), {sticky: true}); }
  function clusteredTimeline(data, cluster) {
    var timeline = L.timeline(data, {});
    var markers = new Map();
    var shown = new Set();
    timeline.updateDisplayedLayers = function () {
      var want = new Set(this.ranges.lookup(this.time));
      var add = [], remove = [];
      shown.forEach(function (f) { if (!want.has(f)) { remove.push(markers.get(f)); } });
      want.forEach(function (f) {
        if (!shown.has(f)) {
          var m = markers.get(f);
          if (!m) { m = eventMarker(f); markers.set(f, m); }
          add.push(m);
        }
      });
      if (remove.length) { cluster.removeLayers(remove); }
      if (add.length) { cluster.addLayers(add); }
      shown = want;
    };
    return timeline;
  }
  return {el: el, popup: popup, routeRenderer: routeRenderer, routeStyle: routeStyle, eachRoute: eachRoute,
          eventMarker: eventMarker, countryStyle: countryStyle, eachCountry: eachCountry,
          clusteredTimeline: clusteredTimeline};
})();
