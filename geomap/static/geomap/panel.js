/* geomap: the filter panel, the table of flows and the export of what the filters select, and the layout of
   the controls (popups clear of the legend and panel, small screens, printing). Article text is only ever
   put into the page with textContent. */
(function (geomap) {
  var el = geomap.el;
  var DAY = 86400000;
  var POPUP_WIDTH = 510;  // the widest popup, with its margins

  // the countries layer and the event timelines are recorded as the map creates them, so the panel can
  // filter them with the routes
  var countryLayers = [];
  var eventTimelines = [];
  var drawCountries = geomap.countries;
  geomap.countries = function (rows, world) {
    var layer = drawCountries(rows, world);
    countryLayers.push({layer: layer, parts: layer.getLayers()});
    return layer;
  };
  var clusteredTimeline = geomap.clusteredTimeline;
  geomap.clusteredTimeline = function (data, style, map, group) {
    var timeline = clusteredTimeline(data, style, map, group);
    eventTimelines.push(timeline);
    return timeline;
  };

  // the room popups keep clear of: the legend and title at the top left, the panel at the right, the
  // time slider at the bottom (measured when a popup opens, so a folded legend or panel frees its room)
  function clearance(map) {
    var topLeft = [12, 12], bottomRight = [12, 12];
    if (!map) { return {topLeft: topLeft, bottomRight: bottomRight}; }
    var container = map.getContainer();
    var box = container.getBoundingClientRect();
    function rect(node) {
      if (!node) { return null; }
      var r = node.getBoundingClientRect();
      return r.width && r.height ? r : null;
    }
    var legend = rect(container.querySelector(".gm-legend"));
    if (legend) { topLeft[0] = Math.max(topLeft[0], legend.right - box.left + 10); }
    var title = rect(document.querySelector(".gm-title"));
    if (title && title.bottom > box.top) { topLeft[1] = Math.max(topLeft[1], title.bottom - box.top + 10); }
    var panel = rect(container.querySelector(".gm-panel"));
    if (panel) { bottomRight[0] = Math.max(bottomRight[0], box.right - panel.left + 10); }
    var slider = rect(container.querySelector(".leaflet-timeline-control"));
    if (slider) { bottomRight[1] = Math.max(bottomRight[1], box.bottom - slider.top + 10); }
    // a window too small for both: the popup may cover the controls rather than leave the map
    if (box.width - topLeft[0] - bottomRight[0] < 320) { topLeft[0] = bottomRight[0] = 10; }
    if (box.height - topLeft[1] - bottomRight[1] < 200) { topLeft[1] = bottomRight[1] = 10; }
    return {topLeft: topLeft, bottomRight: bottomRight};
  }
  L.Popup.addInitHook(function () {
    var popup = this;
    ["TopLeft", "BottomRight"].forEach(function (corner) {
      var key = "autoPanPadding" + corner;
      if (Object.prototype.hasOwnProperty.call(popup.options, key)) { return; }
      Object.defineProperty(popup.options, key, {
        configurable: true, enumerable: true,
        get: function () { return clearance(popup._map)[corner === "TopLeft" ? "topLeft" : "bottomRight"]; }
      });
    });
  });

  // CSV and GeoJSON of the selection, written in the page (no network)
  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) { text = "'" + text; }  // a spreadsheet would read it as a formula
    return "\"" + text.replace(/"/g, "\"\"") + "\"";
  }
  function csv(header, rows) {
    return "\ufeff" + [header].concat(rows).map(function (row) { return row.map(csvCell).join(","); })
      .join("\r\n") + "\r\n";
  }
  function download(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], {type: type}));
    var link = el("a");
    link.href = url;
    link.download = name;
    link.style.display = "none";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(url); link.remove(); }, 2000);
  }

  function dayText(day) { return day === null || day === undefined ? "" : new Date(day * DAY).toISOString().slice(0, 10); }
  function period(a, b) { return a && b && a !== b ? a + " – " + b : a || b || ""; }

  var COLUMNS = [
    {key: "supplier", label: "Supplier"},
    {key: "recipient", label: "Recipient"},
    {key: "commodity", label: "Commodity"},
    {key: "weapons", label: "Weapon"},
    {key: "quantities", label: "Quantity"},
    {key: "dates", label: "Dates"},
    {key: "status", label: "Status"},
    {key: "sources", label: "Sources", numeric: true}
  ];
  var EXPORT = ["id", "supplier", "supplier_code", "recipient", "recipient_code", "commodity", "weapons",
    "quantities", "first_date", "last_date", "status", "sources", "articles", "origin", "destination"];

  function panel(map, slider, data) {
    var names = data.names || {};
    var flows = data.flows ? geomap.rows(data.flows) : [];
    var suffix = "-" + L.stamp(map);
    function name(codes) { return codes.map(function (c) { return names[c] || c; }).join(", "); }
    flows.forEach(function (f) {
      ["supplier", "recipient", "articles"].forEach(function (k) { f[k] = f[k] || []; });
      ["from", "to"].forEach(function (k) { if (f[k] === undefined) { f[k] = null; } });
      f.supplierName = name(f.supplier);
      f.recipientName = name(f.recipient);
      f.dates = period(f.first_date, f.last_date);
      f.cells = {supplier: f.supplierName, recipient: f.recipientName, commodity: f.commodity, weapons: f.weapons,
        quantities: f.quantities, dates: f.dates, status: f.status, sources: f.sources};
      f.sortKeys = {supplier: f.supplierName, recipient: f.recipientName, commodity: f.commodity,
        weapons: f.weapons, quantities: f.quantities, dates: f.from === null ? Infinity : f.from, status: f.status,
        sources: f.sources};
      f.haystack = [f.supplierName, f.recipientName, f.commodity, f.weapons, f.quantities, f.dates, f.status,
        f.origin, f.destination, f.articles.join(" ")].join(" ").toLowerCase();
    });

    // the events (filtered on what their features carry: countries, first and last day since 1970, status),
    // the features of the map by id and the timeline drawing each, gathered when a filter, the table or an
    // export first needs them
    var index = null;
    function indexed() {
      if (index) { return index; }
      index = {events: [], features: {flow: new Map(), event: new Map()}, timelineOf: new Map()};
      slider.timelines.forEach(function (timeline) {
        var kind = eventTimelines.indexOf(timeline) >= 0 ? "event" : "flow";
        timeline.ranges.overlap(-Infinity, Infinity).forEach(function (feature) {
          var p = feature.properties;
          index.features[kind].set(p.id, feature);
          index.timelineOf.set(feature, timeline);
          if (kind === "event") {
            index.events.push({id: p.id, countries: p.cc ? p.cc.split(" ") : [], from: p.d0 === undefined ? null : p.d0,
              to: p.d1 === undefined ? null : p.d1, status: p.st || ""});
          }
        });
      });
      return index;
    }
    var eventCount = eventTimelines.reduce(function (n, timeline) { return n + timeline.ranges.size; }, 0);
    // the timeline draws, of the features of its time, those the filters select (all of them until a filter is set)
    slider.timelines.forEach(function (timeline) {
      var kind = eventTimelines.indexOf(timeline) >= 0 ? "event" : "flow";
      var lookup = timeline.ranges.lookup.bind(timeline.ranges);
      timeline.ranges.lookup = function (time) {
        if (!selected) { return lookup(time); }
        return lookup(time).filter(function (feature) { return selected[kind].has(feature.properties.id); });
      };
    });

    var state = {supplier: "", recipient: "", commodity: "", status: "", from: null, to: null, search: "",
      sort: "dates", descending: true};
    var selected = null;  // the ids of the flows and events the filters select; null: all of them
    var shownFlows = flows.slice();

    // the panel
    var control = L.control({position: "topright"});
    var details, countLine, tbody, headers = {}, inputs = {};
    control.onAdd = function () {
      details = el("details", "gm-panel");
      details.appendChild(el("summary", null, "Filter, table and export of flows"));
      var body = el("div", "gm-panel-body");
      details.appendChild(body);
      var form = el("div", "gm-filters");
      body.appendChild(form);
      function field(key, text, control) {
        var label = el("label", "gm-field");
        label.appendChild(el("span", null, text));
        control.id = "gm-" + key + suffix;
        label.htmlFor = control.id;
        label.appendChild(control);
        form.appendChild(label);
        inputs[key] = control;
        return control;
      }
      function choice(key, text, values) {
        var select = el("select");
        select.appendChild(new Option("All", ""));
        values.forEach(function (v) { select.appendChild(new Option(v[1] + " (" + v[2] + ")", v[0])); });
        field(key, text, select).addEventListener("change", function () { state[key] = select.value; apply(); });
      }
      function tally(get, label) {
        var counts = new Map();
        flows.forEach(function (f) { [].concat(get(f)).forEach(function (v) { counts.set(v, (counts.get(v) || 0) + 1); }); });
        return Array.from(counts, function (kv) { return [kv[0], label(kv[0]), kv[1]]; })
          .sort(function (a, b) { return a[1].localeCompare(b[1]); });
      }
      function own(v) { return v; }
      function country(c) { return names[c] || c; }
      choice("supplier", "Supplier", tally(function (f) { return f.supplier; }, country));
      choice("recipient", "Recipient", tally(function (f) { return f.recipient; }, country));
      choice("commodity", "Commodity", tally(function (f) { return f.commodity; }, own));
      choice("status", "Status", tally(function (f) { return f.status; }, own));
      ["from", "to"].forEach(function (key) {
        var input = el("input");
        input.type = "date";
        if (data.first !== undefined && data.first !== null) { input.min = dayText(data.first); }
        if (data.last !== undefined && data.last !== null) { input.max = dayText(data.last); }
        field(key, key === "from" ? "From" : "To", input).addEventListener("change", function () {
          var ms = input.value ? Date.parse(input.value) : NaN;
          state[key] = isNaN(ms) ? null : Math.floor(ms / DAY);
          apply();
        });
      });
      var bar = el("div", "gm-panel-bar");
      countLine = el("span", "gm-count");
      bar.appendChild(countLine);
      var zoom = el("button", null, "Zoom to selection");
      zoom.type = "button";
      zoom.addEventListener("click", zoomToSelection);
      bar.appendChild(zoom);
      var reset = el("button", null, "Reset");
      reset.type = "button";
      reset.addEventListener("click", function () {
        ["supplier", "recipient", "commodity", "status", "search"].forEach(function (k) { state[k] = ""; });
        state.from = state.to = null;
        Object.keys(inputs).forEach(function (k) { inputs[k].value = ""; });
        apply();
      });
      bar.appendChild(reset);
      body.appendChild(bar);
      var search = el("input", "gm-search");
      search.type = "search";
      search.placeholder = "Search the flows (names, weapons, places, articles)";
      search.setAttribute("aria-label", "Search the flows");
      search.addEventListener("input", function () { state.search = search.value.trim().toLowerCase(); apply(); });
      inputs.search = search;
      body.appendChild(search);
      var wrap = el("div", "gm-table-wrap");
      var table = el("table", "gm-table");
      var head = el("tr");
      COLUMNS.forEach(function (column) {
        var th = el("th");
        th.setAttribute("scope", "col");
        var button = el("button", null, column.label);
        button.type = "button";
        button.title = "Sort by " + column.label.toLowerCase();
        button.addEventListener("click", function () {
          state.descending = state.sort === column.key ? !state.descending : !!column.numeric;
          state.sort = column.key;
          renderTable();
        });
        th.appendChild(button);
        headers[column.key] = th;
        head.appendChild(th);
      });
      table.appendChild(el("thead")).appendChild(head);
      tbody = table.appendChild(el("tbody"));
      wrap.appendChild(table);
      body.appendChild(wrap);
      var exports = el("div", "gm-export");
      exports.appendChild(el("span", null, "Export the selection:"));
      [["CSV", exportCsv], ["GeoJSON", exportGeoJson]].forEach(function (item) {
        var button = el("button", null, item[0]);
        button.type = "button";
        button.addEventListener("click", item[1]);
        exports.appendChild(button);
      });
      body.appendChild(exports);
      body.appendChild(el("div", "gm-note", "Commodity and search select flows; the other filters select " +
        "flows, events and countries. The time slider plays the selection."));
      // keys typed in the panel are not the time slider's shortcuts (arrows, space)
      details.addEventListener("keydown", function (e) { e.stopPropagation(); });
      L.DomEvent.disableClickPropagation(details);
      L.DomEvent.disableScrollPropagation(details);
      return details;
    };
    control.addTo(map);

    function flowPasses(f) {
      if (state.supplier && f.supplier.indexOf(state.supplier) < 0) { return false; }
      if (state.recipient && f.recipient.indexOf(state.recipient) < 0) { return false; }
      if (state.commodity && f.commodity !== state.commodity) { return false; }
      if (state.status && f.status !== state.status) { return false; }
      if (state.search && f.haystack.indexOf(state.search) < 0) { return false; }
      return inPeriod(f);
    }
    function eventPasses(e) {
      if (state.supplier && e.countries.indexOf(state.supplier) < 0) { return false; }
      if (state.recipient && e.countries.indexOf(state.recipient) < 0) { return false; }
      if (state.status && e.status !== state.status) { return false; }
      return inPeriod(e);
    }
    function inPeriod(r) {
      if (state.from === null && state.to === null) { return true; }
      if (r.from === null) { return false; }  // undated: outside any chosen period
      var last = r.to === null ? r.from : r.to;
      return (state.from === null || last >= state.from) && (state.to === null || r.from <= state.to);
    }
    function filtered() {
      return !!(state.supplier || state.recipient || state.commodity || state.status || state.search ||
        state.from !== null || state.to !== null);
    }

    function apply() {
      shownFlows = flows.filter(flowPasses);
      var shownEvents = indexed().events.filter(eventPasses);
      selected = !filtered() ? null : {flow: new Set(shownFlows.map(function (f) { return f.id; })),
        event: new Set(shownEvents.map(function (e) { return e.id; }))};
      slider.timelines.forEach(function (timeline) { timeline.updateDisplayedLayers(); });
      var codes = new Set();
      shownFlows.forEach(function (f) { f.supplier.concat(f.recipient).forEach(function (c) { codes.add(c); }); });
      shownEvents.forEach(function (e) { e.countries.forEach(function (c) { codes.add(c); }); });
      var all = !filtered(), countryCount = 0;
      countryLayers.forEach(function (entry) {
        entry.parts.forEach(function (part) {
          var show = all || codes.has(part.feature.properties.code);
          if (show && !entry.layer.hasLayer(part)) { entry.layer.addLayer(part); }
          if (!show && entry.layer.hasLayer(part)) { entry.layer.removeLayer(part); }
          countryCount += show ? 1 : 0;
        });
      });
      show(shownFlows.length, shownEvents.length, countryCount);
    }
    function show(flowCount, shownEventCount, countryCount) {
      countLine.textContent = flowCount + " of " + flows.length + " flows · " + shownEventCount + " of " + eventCount +
        " events · " + countryCount + " of " + allCountries + " countries";
      stale = true;
      if (details.open) { renderTable(); }
    }
    var stale = true;

    function sorted() {
      var key = state.sort, sign = state.descending ? -1 : 1;
      return shownFlows.slice().sort(function (a, b) {
        var x = a.sortKeys[key], y = b.sortKeys[key];
        if (x === Infinity || y === Infinity) { return (x === Infinity) - (y === Infinity) || a.id.localeCompare(b.id); }
        var order = typeof x === "number" && typeof y === "number" ? (x > y) - (x < y) : String(x).localeCompare(String(y));
        return sign * order || a.id.localeCompare(b.id);
      });
    }

    function renderTable() {
      stale = false;
      COLUMNS.forEach(function (column) {
        var sort = state.sort === column.key ? (state.descending ? "descending" : "ascending") : "none";
        headers[column.key].setAttribute("aria-sort", sort);
      });
      var rows = sorted();
      tbody.textContent = "";
      rows.forEach(function (f) {
        var tr = el("tr");
        tr.tabIndex = 0;
        tr.dataset.id = f.id;
        COLUMNS.forEach(function (column) {
          var td = el("td", "gm-col-" + column.key + (column.numeric ? " gm-num" : ""), f.cells[column.key]);
          if (column.key === "commodity") {
            var swatch = el("span", "gm-swatch");
            swatch.style.background = f.colour;
            td.insertBefore(swatch, td.firstChild);
          }
          if (column.key === "sources") { td.title = f.articles.join(", "); }
          tr.appendChild(td);
        });
        tr.addEventListener("click", function () { focusFlow(f.id); });
        tr.addEventListener("keydown", function (e) { if (e.key === "Enter") { focusFlow(f.id); } });
        tbody.appendChild(tr);
      });
      if (!rows.length) {
        var empty = el("td", "gm-empty", "No flow matches the filters.");
        empty.colSpan = COLUMNS.length;
        tbody.appendChild(el("tr")).appendChild(empty);
      }
    }

    function layerOf(feature) {
      var timeline = indexed().timelineOf.get(feature);
      var found = null;
      timeline.eachLayer(function (layer) { if (layer.feature === feature) { found = layer; } });
      return found;
    }
    function padding() {
      var room = clearance(map);
      return {paddingTopLeft: room.topLeft, paddingBottomRight: room.bottomRight};
    }
    function focusFlow(id) {
      var feature = indexed().features.flow.get(id);
      if (!feature) { return; }
      var timeline = index.timelineOf.get(feature);
      // a route hidden by the layer control or the time slider is shown again
      Object.keys(timeline._eventParents || {}).forEach(function (k) {
        var group = timeline._eventParents[k];
        if (group instanceof L.LayerGroup && !map.hasLayer(group)) { map.addLayer(group); }
      });
      var layer = layerOf(feature);
      if (!layer) {
        slider.setTime(Math.min(Math.max(feature.properties.end, slider.start), slider.end));
        layer = layerOf(feature);
      }
      if (!layer) { return; }
      Array.prototype.forEach.call(tbody.querySelectorAll("tr.gm-selected"), function (tr) {
        tr.classList.remove("gm-selected");
      });
      var row = tbody.querySelector("tr[data-id=\"" + CSS.escape(id) + "\"]");
      if (row) { row.classList.add("gm-selected"); }
      var options = padding();
      options.maxZoom = 6;
      options.animate = false;
      map.fitBounds(layer.getBounds(), options);
      geomap.bindRoute(layer);
      layer.openPopup();
    }
    // whether the room the controls leave holds a popup and the bounds at the least zoom
    function fits(bounds) {
      var room = clearance(map), size = map.getSize(), zoom = map.getMinZoom();
      var width = size.x - room.topLeft[0] - room.bottomRight[0];
      var box = L.latLngBounds(bounds);
      var sw = map.project(box.getSouthWest(), zoom), ne = map.project(box.getNorthEast(), zoom);
      return width >= POPUP_WIDTH && Math.abs(ne.x - sw.x) <= width &&
        Math.abs(sw.y - ne.y) <= size.y - room.topLeft[1] - room.bottomRight[1];
    }
    function zoomToSelection() {
      var bounds = L.latLngBounds([]), features = indexed().features;
      features.flow.forEach(function (f, id) {
        if (!selected || selected.flow.has(id)) { bounds.extend(L.geoJSON(f).getBounds()); }
      });
      features.event.forEach(function (f, id) {
        if (!selected || selected.event.has(id)) { bounds.extend(L.geoJSON(f).getBounds()); }
      });
      if (bounds.isValid()) {
        var options = padding();
        options.maxZoom = 6;
        map.fitBounds(bounds, options);
      }
    }

    function flowRecord(f) {
      return {id: f.id, supplier: f.supplierName, supplier_code: f.supplier.join("; "), recipient: f.recipientName,
        recipient_code: f.recipient.join("; "), commodity: f.commodity, weapons: f.weapons, quantities: f.quantities,
        first_date: f.first_date, last_date: f.last_date, status: f.status, sources: f.sources,
        articles: f.articles.join("; "), origin: f.origin, destination: f.destination};
    }
    function exportCsv() {
      var rows = sorted().map(function (f) {
        var record = flowRecord(f);
        return EXPORT.map(function (k) { return record[k]; });
      });
      download("geomap-flows.csv", csv(EXPORT, rows), "text/csv;charset=utf-8");
    }
    function exportGeoJson() {
      var out = [], features = indexed().features;
      sorted().forEach(function (f) {
        var feature = features.flow.get(f.id);
        var properties = flowRecord(f);
        properties.layer = "flow";
        out.push({type: "Feature", properties: properties, geometry: feature ? feature.geometry : null});
      });
      index.events.filter(function (e) { return !selected || selected.event.has(e.id); }).forEach(function (e) {
        var feature = features.event.get(e.id);
        out.push({type: "Feature", geometry: feature ? feature.geometry : null, properties: {
          layer: "event", id: e.id, summary: feature ? feature.properties.summary : "",
          countries: e.countries.join("; "), first_day: dayText(e.from), last_day: dayText(e.to), status: e.status}});
      });
      download("geomap-selection.geojson", JSON.stringify({type: "FeatureCollection", features: out}, null, 1),
        "application/geo+json");
    }

    var allCountries = countryLayers.reduce(function (n, entry) { return n + entry.parts.length; }, 0);
    show(flows.length, eventCount, allCountries);  // everything is drawn already
    details.addEventListener("toggle", function () { if (details.open && stale) { renderTable(); } });
    // the panel ends above the time slider and the minimap
    function fit() { details.lastChild.style.maxHeight = Math.max(160, map.getSize().y - 250) + "px"; }
    map.on("resize", fit);
    fit();

    // small windows (a phone, a notebook cell) start with the panel and the time slider folded
    var size = map.getSize();
    var small = size.x < 700 || size.y < 640;
    details.open = !small && size.x >= 1100;
    timeSliderToggle(slider, small);
    if (details.open && !fits(data.bounds || [[0, 0], [0, 0]])) { details.open = false; }  // the map comes first
    if (data.bounds && (details.open || small)) {  // the data fitted in the room the controls leave
      var options = padding();
      options.maxZoom = 6;
      options.animate = false;
      map.fitBounds(data.bounds, options);
    }
    printLayout(map);
    return {control: control, apply: apply, state: state, focus: focusFlow};
  }

  // a button that folds the time slider away
  function timeSliderToggle(slider, folded) {
    var container = slider.getContainer && slider.getContainer();
    if (!container) { return; }
    var button = el("button", "gm-time-toggle");
    button.type = "button";
    function set(fold) {
      container.classList.toggle("gm-folded", fold);
      button.textContent = fold ? "Time slider ▸" : "◂";
      button.title = fold ? "Show the time slider" : "Hide the time slider";
      button.setAttribute("aria-expanded", String(!fold));
    }
    button.addEventListener("click", function (e) {
      L.DomEvent.stop(e);
      set(!container.classList.contains("gm-folded"));
    });
    container.insertBefore(button, container.firstChild);
    set(folded);
  }

  // printing: the whole view on the page, with the legend open (the print stylesheet hides the controls)
  function printLayout(map) {
    var saved = null;
    function before() {
      if (saved) { return; }
      var legend = map.getContainer().querySelector("details.gm-legend");
      saved = {bounds: map.getBounds(), legend: legend, open: legend ? legend.open : false};
      if (legend) { legend.open = true; }
      map.invalidateSize({pan: false});
      map.fitBounds(saved.bounds, {animate: false});
    }
    function after() {
      if (!saved) { return; }
      if (saved.legend) { saved.legend.open = saved.open; }
      map.invalidateSize({pan: false});
      map.fitBounds(saved.bounds, {animate: false});
      saved = null;
    }
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    if (window.matchMedia) {
      var query = window.matchMedia("print");
      var listener = function (e) { if (e.matches) { before(); } else { after(); } };
      if (query.addEventListener) { query.addEventListener("change", listener); } else { query.addListener(listener); }
    }
  }

  geomap.panel = panel;
  geomap.csv = csv;
})(geomap);
