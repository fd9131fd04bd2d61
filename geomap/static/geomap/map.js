/* geomap: popups, route arrows, event markers and clustered timelines of the map. */
var geomap = (function () {
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  // shared by all features: evidence sentences [article, start, end, text], the citation of each
  // article (its number, title, outlet, date and address), and the row labels of route and event popups
  var tables = {sentences: [], articles: {}, routeFields: [], eventFields: []};
  function setup(data) { tables = data; }
  function popup(p, labels) {
    var box = el("div", "gm-popup");
    box.appendChild(el("div", "gm-summary", p.summary || p.label));
    var table = el("table");
    (p.f || []).forEach(function (value, i) {
      if (value === "" || value === null || value === undefined) { return; }
      var tr = el("tr");
      tr.appendChild(el("th", null, labels[i]));
      tr.appendChild(el("td", null, value));
      table.appendChild(tr);
    });
    box.appendChild(table);
    if (geomap.cite) { geomap.cite.evidence(box, p, tables); }
    return box;
  }
  function label(text) { return function () { return el("span", null, text); }; }
  var routeRenderer = L.svg({padding: 0.5});
  var SVG_NS = "http://www.w3.org/2000/svg";
  // an arrowhead at the recipient end of each route: one SVG marker per colour, shared by the routes
  function arrowhead(layer, colour) {
    var svg = layer._renderer && layer._renderer._container;
    if (!svg || !layer._path) { return; }
    var id = "gm-arrow-" + String(colour).replace(/[^0-9A-Za-z]/g, "");
    if (!svg.querySelector("#" + id)) {
      var defs = svg.querySelector("defs") || svg.insertBefore(document.createElementNS(SVG_NS, "defs"),
        svg.firstChild);
      var marker = document.createElementNS(SVG_NS, "marker");
      var attributes = {id: id, viewBox: "0 0 10 10", refX: "8", refY: "5", markerWidth: "15", markerHeight: "15",
        markerUnits: "userSpaceOnUse", orient: "auto"};
      Object.keys(attributes).forEach(function (k) { marker.setAttribute(k, attributes[k]); });
      var head = document.createElementNS(SVG_NS, "path");
      head.setAttribute("d", "M0,0.5 L10,5 L0,9.5 L2.5,5 z");
      head.setAttribute("fill", colour);
      head.setAttribute("stroke", "#ffffff");
      head.setAttribute("stroke-width", "0.6");
      marker.appendChild(head);
      defs.appendChild(marker);
    }
    layer._path.setAttribute("marker-end", "url(#" + id + ")");
  }
  function routeStyle(feature) {
    var p = feature.properties;
    return {color: p._c, weight: p._w, opacity: p._o, dashArray: p._d, lineCap: "round", lineJoin: "round"};
  }
  function eachRoute(feature, layer) {
    var p = feature.properties;
    layer.bindPopup(function () { return popup(p, tables.routeFields); },
      {maxWidth: 460, minWidth: 300, autoPanPadding: [40, 60]});
    layer.bindTooltip(label(p.label), {sticky: true});
    layer.on("add", function () { arrowhead(layer, p._c); });
  }
  function eventMarker(feature, style) {
    var p = feature.properties;
    var c = feature.geometry.coordinates;
    var badge = el("div", "gm-ev", style.glyph);
    badge.style.background = style.colour;
    var marker = L.marker([c[1], c[0]], {icon: L.divIcon({html: badge, className: "gm-ev-icon",
      iconSize: [22, 22], iconAnchor: [11, 11], popupAnchor: [0, -10]})});
    marker.feature = feature;
    marker.bindPopup(function () { return popup(p, tables.eventFields); },
      {maxWidth: 460, minWidth: 300, autoPanPadding: [40, 60]});
    marker.bindTooltip(label(p.f[0] + ": " + p.f[1]), {direction: "top", offset: [0, -10]});
    return marker;
  }
  // the countries of the flows, drawn from the basemap outline of each code
  function countries(rows, world) {
    var byCode = new Map(rows.map(function (r) { return [r.code, r]; }));
    var features = [];
    world.features.forEach(function (f) {
      var row = byCode.get(f.properties.code);
      if (row) { features.push({type: "Feature", properties: row, geometry: f.geometry}); byCode.delete(row.code); }
    });
    byCode.forEach(function (row) { features.push({type: "Feature", properties: row, geometry: row.geometry}); });
    return L.geoJSON({type: "FeatureCollection", features: features}, {
      style: function (feature) {
        var c = feature.properties._c;
        return {color: c, weight: 1, opacity: 0.8, fillColor: c, fillOpacity: 0.22};
      },
      onEachFeature: function (feature, layer) { layer.bindTooltip(label(feature.properties.label), {sticky: true}); }
    });
  }
  // all event types share one MarkerClusterGroup; the layer control's group of each type adds and
  // removes that type's markers from it
  var clusters = new Map();
  function eventCluster(map) {
    if (!clusters.has(map)) {
      clusters.set(map, L.markerClusterGroup({maxClusterRadius: 45, showCoverageOnHover: false,
        chunkedLoading: true, spiderfyDistanceMultiplier: 1.4}).addTo(map));
    }
    return clusters.get(map);
  }
  function clusteredTimeline(data, style, map, group) {
    var cluster = eventCluster(map);
    var timeline = L.timeline(data, {});
    var markers = new Map();
    var shown = new Set();
    var active = !!group._map;
    function current() { return Array.from(shown, function (f) { return markers.get(f); }); }
    group.on("add", function () { if (!active) { active = true; cluster.addLayers(current()); } });
    group.on("remove", function () { if (active) { active = false; cluster.removeLayers(current()); } });
    timeline.updateDisplayedLayers = function () {
      var want = new Set(this.ranges.lookup(this.time));
      var add = [], remove = [];
      shown.forEach(function (f) { if (!want.has(f)) { remove.push(markers.get(f)); } });
      want.forEach(function (f) {
        if (!shown.has(f)) {
          var m = markers.get(f);
          if (!m) { m = eventMarker(f, style); markers.set(f, m); }
          add.push(m);
        }
      });
      shown = want;
      if (active && remove.length) { cluster.removeLayers(remove); }
      if (active && add.length) { cluster.addLayers(add); }
    };
    return timeline;
  }
  return {el: el, setup: setup, popup: popup, routeRenderer: routeRenderer, routeStyle: routeStyle,
          tables: function () { return tables; },
          eachRoute: eachRoute, eventMarker: eventMarker, countries: countries, clusteredTimeline: clusteredTimeline};
})();
