/* geomap: names on the map, of the countries of the basemap and, when zoomed in, of the places of the flows and events. */
geomap.labels = (function () {
  var el = geomap.el;
  // data: {countries: [[name, lon, lat, min zoom]], places: [[name, lon, lat]], placeZoom, dir, lang}
  function labels(group, data) {
    var items = [];
    // a label's marker is made the first time it shows
    function marker(item) {
      if (!item.marker) {
        var text = el("span", null, item.row[0]);
        if (item.dir) { text.setAttribute("dir", item.dir); }
        if (item.lang) { text.setAttribute("lang", item.lang); }
        item.marker = L.marker(item.latlng, {interactive: false, keyboard: false, pane: "geomap-labels",
          icon: L.divIcon({html: text, className: "gm-label " + item.cls, iconSize: null, iconAnchor: [0, 0]})});
      }
      return item.marker;
    }
    function add(row, minZoom, cls, dir, lang) {
      items.push({row: row, minZoom: minZoom, cls: cls, dir: dir, lang: lang, latlng: L.latLng(row[2], row[1]),
        marker: null, shown: false});
    }
    (data.countries || []).forEach(function (row) { add(row, row[3], "gm-label-country", data.dir, data.lang); });
    (data.places || []).forEach(function (row) { add(row, data.placeZoom, "gm-label-place"); });
    // only the labels of the current zoom and view are in the document
    function update() {
      var map = group._map;
      if (!map) { return; }
      var zoom = map.getZoom(), view = map.getBounds().pad(0.2);
      items.forEach(function (item) {
        var want = zoom >= item.minZoom && view.contains(item.latlng);
        if (want !== item.shown) {
          item.shown = want;
          if (want) { group.addLayer(marker(item)); } else { group.removeLayer(item.marker); }
        }
      });
    }
    function attach() {
      var map = group._map;
      if (!map.getPane("geomap-labels")) {
        var pane = map.createPane("geomap-labels");
        pane.style.zIndex = 450;
        pane.style.pointerEvents = "none";
      }
      map.on("zoomend moveend", update);
      update();
    }
    group.on("add", attach);
    group.on("remove", function (e) { e.target._map && e.target._map.off("zoomend moveend", update); });
    if (group._map) { attach(); }
    return group;
  }
  return labels;
})();
