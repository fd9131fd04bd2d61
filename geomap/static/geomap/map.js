/* geomap: popups, route arrows, event markers and clustered timelines of the map. */
var geomap = (function () {
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  // shared by all features: evidence sentences [article, start, end, text], the citation of each
  // article (its number, title, outlet, date and address), the row labels of route and event popups, and
  // the strings that repeat in the page, each stored once
  var tables = {sentences: [], articles: {}, routeFields: [], eventFields: [], strings: [""]};
  // records stored as columns (render.py's _columns): {n, p: {key: values}, i: keys whose values are
  // indices into tables.strings, k: keys with one value for every record}; a null value is a missing key
  function rows(table) {
    var strings = tables.strings, keys = Object.keys(table.p), interned = {}, constant = {};
    var out = new Array(table.n);
    (table.i || []).forEach(function (key) { interned[key] = true; });
    (table.k || []).forEach(function (key) { constant[key] = true; });
    function text(index) { return strings[index]; }
    for (var i = 0; i < table.n; i++) {
      var row = {};
      for (var j = 0; j < keys.length; j++) {
        var key = keys[j], value = constant[key] ? table.p[key] : table.p[key][i];
        if (value === null || value === undefined) { continue; }
        if (interned[key]) { value = typeof value === "number" ? strings[value] : value.map(text); }
        row[key] = value;
      }
      out[i] = row;
    }
    return out;
  }
  // points [[lon, lat], ...] from thousandths of a degree differenced `order` times (render.py's _differences)
  function points(flat, order) {
    var values = flat.slice(), i, k;
    for (k = order; k > 0; k--) {  // the k-th differences start at the k-th point
      for (i = 2 * k; i < values.length; i++) { values[i] += values[i - 2]; }
    }
    var out = new Array(values.length / 2);
    for (i = 0; i < values.length; i += 2) { out[i / 2] = [values[i] / 1000, values[i + 1] / 1000]; }
    return out;
  }
  // the basemap's country outlines (render.py's _world_outlines) as GeoJSON
  function world(data) {
    var multi = new Set(data.multi);
    return {type: "FeatureCollection", features: data.code.map(function (code, i) {
      var polygons = data.polygons[i].map(function (polygon) {
        return polygon.map(function (ring) { return points(ring, 1); });
      });
      return {type: "Feature", properties: {code: code}, geometry: multi.has(code) ?
        {type: "MultiPolygon", coordinates: polygons} : {type: "Polygon", coordinates: polygons[0]}};
    })};
  }
  // the features of a timeline (render.py's _feature_table): start and end as days, points as x and y
  // columns, lines as second differences
  var DAY = 86400000;
  function features(table) {
    var props = rows(table), out = new Array(table.n);
    for (var i = 0; i < table.n; i++) {
      var p = props[i], geometry;
      if ("start" in p) { p.start = p.start * DAY; }
      if ("end" in p) { p.end = p.end * DAY + DAY - 1; }
      if (table.x) {
        geometry = {type: "Point", coordinates: [table.x[i], table.y[i]]};
      } else {
        geometry = {type: "LineString", coordinates: points(table.l[i], 2)};
      }
      out[i] = {type: "Feature", properties: p, geometry: geometry};
    }
    return {type: "FeatureCollection", features: out};
  }
  // the tables of the page: the strings first, then the articles (numbered in order), and the evidence
  // sentences [article, start, end, text], read from the page's data block `quotes` when first needed
  function setup(data, quotes) {
    tables = {strings: data.strings, routeFields: data.routeFields, eventFields: data.eventFields};
    var order = rows(data.articles), articles = {}, sentences = null;
    order.forEach(function (article, i) { article.n = i + 1; articles[article.id] = article; });
    tables.articles = articles;
    Object.defineProperty(tables, "sentences", {enumerable: true, get: function () {
      if (sentences === null) {
        var block = quotes ? document.getElementById(quotes) : null;
        var table = block ? JSON.parse(block.textContent) : {n: 0, p: {}};
        sentences = rows(table).map(function (s) { return [order[s.a - 1].id, s.s, s.e, s.t]; });
      }
      return sentences;
    }});
  }
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
  // run `task` when the page is next idle (at the latest after two seconds): what can wait for the map to be drawn
  function idle(task) {
    if (window.requestIdleCallback) { window.requestIdleCallback(function () { task(); }, {timeout: 2000}); }
    else { setTimeout(task, 50); }
  }
  function label(text) { return function () { return el("span", null, text); }; }
  var routeRenderer = L.svg({padding: 0.5});
  var SVG_NS = "http://www.w3.org/2000/svg";
  // an arrowhead at the fraction p._a of each route's drawn length, clear of the markers at its ends, pointing
  // along the line
  var CLEAR = 24;  // half the size of a marker cluster
  function placeArrow(layer, p) {
    var ring = layer._rings && layer._rings[0];
    if (!layer._path || !layer._path.parentNode || !ring || ring.length < 2) { return; }
    var head = layer._gmArrow;
    if (!head) {
      head = layer._gmArrow = document.createElementNS(SVG_NS, "path");
      head.setAttribute("class", "gm-arrow");
      head.setAttribute("d", "M5,0 L-5,-5 L-2.5,0 L-5,5 z");
      head.setAttribute("fill", p._c);
      head.setAttribute("stroke", "#ffffff");
      head.setAttribute("stroke-width", "0.6");
      head.setAttribute("vector-effect", "non-scaling-stroke");
    }
    if (head.previousSibling !== layer._path) { layer._path.parentNode.insertBefore(head, layer._path.nextSibling); }
    var steps = [], total = 0, i;
    for (i = 1; i < ring.length; i++) { steps.push(ring[i].distanceTo(ring[i - 1])); total += steps[i - 1]; }
    // on a short route, at least CLEAR pixels and the arrowhead's length from its end, but not before its middle
    var size = (8 + 2.6 * p._w) / 10;
    var goal = Math.max(total / 2, Math.min(total * (p._a || 0.87), total - CLEAR - 5 * size));
    for (i = 0; i < steps.length - 1 && goal > steps[i]; i++) { goal -= steps[i]; }
    var a = ring[i], b = ring[i + 1], t = steps[i] ? Math.min(goal / steps[i], 1) : 0;
    var x = a.x + t * (b.x - a.x), y = a.y + t * (b.y - a.y);
    var angle = Math.atan2(b.y - a.y, b.x - a.x) * 180 / Math.PI;
    head.setAttribute("transform", "translate(" + x.toFixed(1) + "," + y.toFixed(1) + ") rotate(" +
      angle.toFixed(1) + ") scale(" + size.toFixed(2) + ")");
    head.setAttribute("fill-opacity", p._o);
  }
  // move each projected point of a route `px` pixels to the right of travel: parallel routes read as ribbons
  function offsetRing(ring, px) {
    return ring.map(function (point, i) {
      var a = ring[Math.max(i - 1, 0)], b = ring[Math.min(i + 1, ring.length - 1)];
      var dx = b.x - a.x, dy = b.y - a.y, norm = Math.sqrt(dx * dx + dy * dy) || 1;
      return L.point(point.x - px * dy / norm, point.y + px * dx / norm);
    });
  }
  function routeStyle(feature) {
    var p = feature.properties;
    return {color: p._c, weight: p._w, opacity: p._o, dashArray: p._d, lineCap: p._d ? "butt" : "round",
      lineJoin: "round"};
  }
  var POPUP = {maxWidth: 460, minWidth: 300, autoPanPadding: [40, 60]};
  // a route's popup and tooltip are bound when it is first clicked or hovered (routeInteractions)
  function bindRoute(layer) {
    if (layer.getPopup()) { return false; }
    var p = layer.feature.properties;
    layer.bindPopup(function () { return popup(p, tables.routeFields); }, POPUP);
    layer.bindTooltip(label(p.label), {sticky: true});
    return true;
  }
  // the routes of a timeline pass their events on to it: one listener for all of them
  function routeInteractions(timeline) {
    timeline.on("click", function (e) {
      if (e.layer.feature && bindRoute(e.layer)) { e.layer.openPopup(e.latlng); }
    });
    timeline.on("mouseover", function (e) {
      if (e.layer.feature && bindRoute(e.layer)) { e.layer.openTooltip(e.latlng); }
    });
    return timeline;
  }
  // the time of a feature on the slider: its start and end are numbers already (no date to parse)
  function interval(feature) { return {start: feature.properties.start, end: feature.properties.end}; }
  // the basemap, the countries and the timelines draw nothing until `draw` opens the slider on its day: the
  // view is laid out first (the panel may move it), so nothing is drawn twice
  var waiting = [];
  function later(target, layer) { waiting.push([target, layer]); return layer; }
  function draw(slider, time) {
    waiting.splice(0).forEach(function (entry) { entry[0].addLayer(entry[1]); });
    slider.timelines.forEach(function (timeline) { timeline.options.drawOnSetTime = true; });
    slider.setTime(time);
  }
  function eachRoute(feature, layer) {
    var p = feature.properties;
    var project = layer._project, updatePath = layer._updatePath;
    layer._project = function () {
      project.call(this);
      if (p._k && this._rings) { this._rings = this._rings.map(function (r) { return offsetRing(r, p._k); }); }
    };
    layer._updatePath = function () { updatePath.call(this); placeArrow(this, p); };
    // the first _updatePath runs before Leaflet puts the path in the page: place the arrowhead once it is there
    layer.on("add", function () { placeArrow(layer, p); });
    layer.on("remove", function () {
      if (layer._gmArrow && layer._gmArrow.parentNode) { layer._gmArrow.parentNode.removeChild(layer._gmArrow); }
    });
  }
  // copies of a GeoJSON layer moved by whole turns of longitude (the world east of the antimeridian)
  function worldCopies(data, offsets, options) {
    return L.featureGroup(offsets.map(function (offset) {
      return L.geoJSON(data, L.extend({}, options, {coordsToLatLng: function (c) {
        return L.latLng(c[1], c[0] + offset);
      }}));
    }));
  }
  // one icon per event type, shared by its markers: the badge is made only for the markers drawn
  var EventIcon = L.DivIcon.extend({
    createIcon: function (old) {
      var badge = el("div", "gm-ev", this.options.glyph);
      badge.style.background = this.options.colour;
      this.options.html = badge;
      return L.DivIcon.prototype.createIcon.call(this, old);
    }
  });
  var icons = new Map();
  function eventIcon(style) {
    var key = style.glyph + " " + style.colour;
    if (!icons.has(key)) {
      icons.set(key, new EventIcon({glyph: style.glyph, colour: style.colour, className: "gm-ev-icon",
        iconSize: [22, 22], iconAnchor: [11, 11], popupAnchor: [0, -10]}));
    }
    return icons.get(key);
  }
  // an event's popup and tooltip are bound when it is first clicked, hovered or opened with Enter
  // (eventInteractions)
  function bindEvent(marker) {
    if (marker.getPopup()) { return false; }
    var p = marker.feature.properties;
    marker.bindPopup(function () { return popup(p, tables.eventFields); }, POPUP);
    marker.bindTooltip(label(p.f[0] + ": " + p.f[1]), {direction: "top", offset: [0, -10]});
    return true;
  }
  function eventMarker(feature, style) {
    var c = feature.geometry.coordinates;
    var marker = L.marker([c[1], c[0]], {icon: eventIcon(style)});
    marker.feature = feature;
    return marker;
  }
  // the markers of a cluster group pass their events on to it: one listener for all of them
  function eventInteractions(cluster) {
    cluster.on("click keypress", function (e) {
      var marker = e.layer;
      if (!(marker instanceof L.Marker) || !marker.feature) { return; }
      if (e.type === "keypress" && e.originalEvent && e.originalEvent.keyCode !== 13) { return; }
      if (bindEvent(marker)) { marker.openPopup(); }
    });
    cluster.on("mouseover", function (e) {
      var marker = e.layer;
      if (marker instanceof L.Marker && marker.feature && bindEvent(marker)) { marker.openTooltip(); }
    });
  }
  // the countries of the flows, drawn from the basemap outline of each code
  function countries(rows, world, copies) {
    var byCode = new Map(rows.map(function (r) { return [r.code, r]; }));
    var features = [];
    world.features.forEach(function (f) {
      var row = byCode.get(f.properties.code);
      if (row) { features.push({type: "Feature", properties: row, geometry: f.geometry}); byCode.delete(row.code); }
    });
    byCode.forEach(function (row) { features.push({type: "Feature", properties: row, geometry: row.geometry}); });
    var options = {
      style: function (feature) {
        var c = feature.properties._c;
        return {color: c, weight: 1, opacity: 0.8, fillColor: c, fillOpacity: 0.22};
      },
      onEachFeature: function (feature, layer) { layer.bindTooltip(label(feature.properties.label), {sticky: true}); }
    };
    var data = {type: "FeatureCollection", features: features};
    var layer = L.geoJSON(data, options);
    return copies && copies.length ? L.featureGroup([layer, worldCopies(data, copies, options)]) : layer;
  }
  // markercluster's grid of the objects near a point, giving the same answers from Maps: the grid it ships keeps
  // cells and points in objects keyed by number, which is much of the time of grouping thousands of markers
  function DistanceGrid(cellSize) {
    this._cellSize = cellSize;
    this._sqCellSize = cellSize * cellSize;
    this._grid = new Map();
    this._points = new Map();
  }
  DistanceGrid.prototype = {
    addObject: function (obj, point) {
      var x = this._getCoord(point.x), y = this._getCoord(point.y), row = this._grid.get(y);
      if (!row) { row = new Map(); this._grid.set(y, row); }
      var cell = row.get(x);
      if (!cell) { cell = []; row.set(x, cell); }
      this._points.set(obj, point);
      cell.push(obj);
    },
    updateObject: function (obj, point) {
      var old = this._points.get(obj);
      if (old) { this.removeObject(obj, old); }
      this.addObject(obj, point);
    },
    removeObject: function (obj, point) {
      var x = this._getCoord(point.x), y = this._getCoord(point.y), row = this._grid.get(y);
      var cell = row && row.get(x);
      this._points.delete(obj);
      if (!cell) { return; }
      for (var i = 0, n = cell.length; i < n; i++) {
        if (cell[i] === obj) {
          cell.splice(i, 1);
          if (n === 1) { row.delete(x); }
          return true;
        }
      }
    },
    eachObject: function (fn, context) {
      this._grid.forEach(function (row) {
        row.forEach(function (cell) {
          for (var i = 0, n = cell.length; i < n; i++) {
            if (fn.call(context, cell[i])) { i--; n--; }
          }
        });
      });
    },
    getNearObject: function (point) {
      var x = this._getCoord(point.x), y = this._getCoord(point.y), points = this._points;
      var closestDistSq = this._sqCellSize, closest = null;
      for (var j = y - 1; j <= y + 1; j++) {
        var row = this._grid.get(j);
        if (!row) { continue; }
        for (var i = x - 1; i <= x + 1; i++) {
          var cell = row.get(i);
          if (!cell) { continue; }
          for (var k = 0, n = cell.length; k < n; k++) {
            var obj = cell[k], p = points.get(obj), dx = point.x - p.x, dy = point.y - p.y, dist = dx * dx + dy * dy;
            if (dist < closestDistSq || dist <= closestDistSq && closest === null) {
              closestDistSq = dist;
              closest = obj;
            }
          }
        }
      }
      return closest;
    },
    _getCoord: function (v) {
      var coord = Math.floor(v / this._cellSize);
      return isFinite(coord) ? coord : v;
    }
  };
  if (L.DistanceGrid) { L.DistanceGrid = DistanceGrid; }
  // all event types share one MarkerClusterGroup; the layer control's group of each type adds and
  // removes that type's markers from it
  var clusters = new Map();
  function eventCluster(map) {
    if (!clusters.has(map)) {
      var cluster = L.markerClusterGroup({maxClusterRadius: 45, showCoverageOnHover: false,
        chunkedLoading: true, chunkDelay: 1, spiderfyDistanceMultiplier: 1.4}).addTo(map);
      eventInteractions(cluster);
      clusters.set(map, {cluster: cluster, batch: batch(cluster)});
    }
    return clusters.get(map);
  }
  // the markers that the timelines of one slider move (or one filter change) add and remove reach the
  // cluster group together, once the current task is done: it groups them and redraws its clusters once,
  // not once per event type
  function batch(cluster) {
    var add = new Set(), remove = new Set(), queued = false;
    function flush() {
      queued = false;
      var gone = Array.from(remove), come = Array.from(add);
      remove.clear();
      add.clear();
      if (gone.length) { cluster.removeLayers(gone); }
      if (come.length) { cluster.addLayers(come, true); }  // no "layeradd" event for each marker
    }
    function queue() { if (!queued) { queued = true; Promise.resolve().then(flush); } }
    return {
      add: function (markers) {
        markers.forEach(function (m) { if (!remove.delete(m)) { add.add(m); } });
        queue();
      },
      remove: function (markers) {
        markers.forEach(function (m) { if (!add.delete(m)) { remove.add(m); } });
        queue();
      }
    };
  }
  // what leaflet.timeline's interval tree answers (insert, remove, lookup, overlap, size), kept as a list in the
  // order of the data and read through: thousands of events are indexed at once with no tree to balance, and
  // a slider move reads each interval once
  function Ranges() { this.items = []; }
  Ranges.prototype = {
    get size() { return this.items.length; },
    insert: function (low, high, value) { this.items.push({low: low, high: high, value: value}); return this; },
    remove: function (low, high, value) {
      for (var i = 0; i < this.items.length; i++) {
        var item = this.items[i];
        if (item.low === low && item.high === high && item.value === value) { this.items.splice(i, 1); break; }
      }
      return this;
    },
    lookup: function (time) { return this.overlap(time, time); },
    overlap: function (from, to) {
      var out = [], items = this.items;
      for (var i = 0; i < items.length; i++) {
        if (from <= items[i].high && to >= items[i].low) { out.push(items[i].value); }
      }
      return out;
    }
  };
  function clusteredTimeline(data, style, map, group) {
    var shared = eventCluster(map);
    var timeline = L.timeline(null, {drawOnSetTime: false, getInterval: interval});
    timeline.ranges = new Ranges();
    timeline._process(data);
    var markers = new Map();
    var shown = new Set();
    var active = !!group._map;
    function current() { return Array.from(shown, function (f) { return markers.get(f); }); }
    group.on("add", function () { if (!active) { active = true; shared.batch.add(current()); } });
    group.on("remove", function () { if (active) { active = false; shared.batch.remove(current()); } });
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
      if (active && remove.length) { shared.batch.remove(remove); }
      if (active && add.length) { shared.batch.add(add); }
    };
    return timeline;
  }
  return {el: el, setup: setup, rows: rows, features: features, world: world, popup: popup,
          routeRenderer: routeRenderer, routeStyle: routeStyle, tables: function () { return tables; },
          eachRoute: eachRoute, bindRoute: bindRoute, routeInteractions: routeInteractions, draw: draw,
          later: later, idle: idle, interval: interval, eventMarker: eventMarker, bindEvent: bindEvent, worldCopies: worldCopies,
          countries: countries, clusteredTimeline: clusteredTimeline};
})();
