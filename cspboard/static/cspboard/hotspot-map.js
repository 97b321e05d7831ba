// The hotspots map: draws the figures the page carries as JSON (#hotspot-map-data), the same
// figures as the tables beside it. Crimes are counted by neighbourhood (LSOA) on the server,
// never sent as points; the registered layers (the places of concern) are drawn on top. Each
// shape opens a popup with its figure or its link (Leaflet's tooltips leave an aria-describedby
// pointing at nothing once they close, so there are none). Tiles
// come only from the server set in the environment; with none, a plain background.
(function () {
  "use strict";
  const element = document.getElementById("hotspot-map");
  const source = document.getElementById("hotspot-map-data");
  if (!element || !source || !window.L) {
    return;
  }
  const data = JSON.parse(source.textContent);
  const L = window.L;
  element.hidden = false;

  // No fading: a popup is readable (and its contrast whole) as soon as it opens.
  const map = L.map(element, { scrollWheelZoom: false, fadeAnimation: false });
  map.attributionControl.setPrefix("Leaflet");
  if (data.tiles) {
    L.tileLayer(data.tiles.url, {
      attribution: data.tiles.attribution,
      maxZoom: 19,
    }).addTo(map);
  }

  function label(text) {
    const span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  const points = [];
  const most = Math.max(1, ...data.cells.map((cell) => cell.count));
  const crimes = L.featureGroup();
  for (const cell of data.cells) {
    const share = cell.count / most;
    L.circleMarker([cell.lat, cell.lon], {
      radius: 4 + 18 * Math.sqrt(share),
      color: "#942514",
      weight: 1,
      fillColor: "#d4351c",
      fillOpacity: 0.15 + 0.55 * share,
      className: "csp-map-cell",
    })
      .bindPopup(label(`${cell.name}: ${cell.count} ${cell.count === 1 ? "crime" : "crimes"}`))
      .addTo(crimes);
    points.push([cell.lat, cell.lon]);
  }
  crimes.addTo(map);

  const layers = { "Crimes by neighbourhood": crimes };
  let markers = 0;
  for (const overlay of data.overlays) {
    const group = L.featureGroup();
    for (const marker of overlay.markers) {
      const popup = document.createElement("div");
      const link = document.createElement("a");
      link.href = marker.url;
      link.className = "govuk-link";
      link.textContent = marker.name;
      popup.append(link);
      if (marker.detail) {
        popup.append(document.createElement("br"), marker.detail);
      }
      L.circleMarker([marker.lat, marker.lon], {
        radius: 8,
        color: "#0b0c0c",
        weight: 2,
        fillColor: "#1d70b8",
        fillOpacity: 0.9,
        className: `csp-map-marker csp-map-marker--${overlay.key}`,
      })
        .bindPopup(popup)
        .addTo(group);
      points.push([marker.lat, marker.lon]);
      markers += 1;
    }
    group.addTo(map);
    layers[overlay.title] = group;
  }
  L.control.layers(null, layers, { collapsed: false }).addTo(map);

  if (points.length) {
    map.fitBounds(points, { padding: [24, 24], maxZoom: 16 });
  } else {
    map.setView([51.5072, -0.1276], 10);
  }
  // What was drawn, for anyone checking the map against its tables.
  element.dataset.cells = String(data.cells.length);
  element.dataset.markers = String(markers);
  element.dataset.drawn = "true";
})();
