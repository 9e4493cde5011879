/* concord incident browser: the script of `concord export --format html`.
 *
 * Reads the page's data blocks (JSON in <script type="application/json">,
 * the report texts gzip+base64), draws the overview, map (Leaflet), timeline
 * (uPlot) and table, and the incident and report pages behind
 * #incident/ID and #report/ID.
 *
 * Report text is untrusted: it only ever enters the document as text nodes
 * (textContent, createTextNode) or attribute values; this script never
 * assigns markup. Nothing here makes a network request, and the page's
 * Content-Security-Policy would refuse one (docs/html-report.md). */
(function () {
  'use strict';

  var byElementId = function (id) { return document.getElementById(id); };

  function readJson(id) {
    var element = byElementId(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  var mark = function (name) { if (window.performance && performance.mark) { performance.mark(name); } };
  mark('concord-script');
  var summary = readJson('concord-summary') || {};
  var incidents = readJson('concord-incidents') || [];
  var decisions = readJson('concord-decisions') || [];
  var incidentIndex = new Map();
  incidents.forEach(function (incident, index) { incidentIndex.set(incident.id, index); });
  /* The reports (metadata, figure and place spans) and their texts travel
   * compressed and are unpacked when a page first needs them
   * (`loadReports`), not for the first view. */
  var reportsRead = [];
  var textsRead = null;
  var reportIndex = new Map();
  function allReports() { return reportsRead; }
  mark('concord-data');

  var METRICS = ['detained', 'participants', 'killed', 'injured'];
  /* Metric marks on the timeline: a colour and a shape each, so they read
   * without colour too. */
  var METRIC_STYLE = {
    detained: { colour: '#D55E00', shape: 'square' },
    participants: { colour: '#0072B2', shape: 'circle' },
    killed: { colour: '#000000', shape: 'triangle' },
    injured: { colour: '#CC79A7', shape: 'diamond' }
  };
  /* Kinds on the map: colours from the Okabe-Ito palette, chosen to differ
   * in lightness too, and an outline pattern each, so kinds read in
   * greyscale. */
  var KIND_STYLE = {
    protest: { colour: '#0072B2', dash: null, weight: 1.5 },
    detentions: { colour: '#D55E00', dash: '4 3', weight: 2 },
    clash: { colour: '#CC79A7', dash: '1 3', weight: 2.5 },
    shooting: { colour: '#000000', dash: null, weight: 3 },
    strike: { colour: '#E69F00', dash: '7 3 1 3', weight: 2 },
    unrest: { colour: '#009E73', dash: '2 2', weight: 2 },
    other: { colour: '#9a9a9a', dash: '8 4', weight: 1.5 }
  };

  /* ---- building elements (text only, never markup) ---- */

  function el(tag, attributes) {
    var element = document.createElement(tag);
    if (attributes) {
      Object.keys(attributes).forEach(function (name) {
        var value = attributes[name];
        if (value === null || value === undefined || value === false) { return; }
        if (name === 'class') { element.className = value; }
        else if (name === 'text') { element.textContent = String(value); }
        else if (name.slice(0, 2) === 'on') { element.addEventListener(name.slice(2), value); }
        else { element.setAttribute(name, value === true ? '' : String(value)); }
      });
    }
    for (var i = 2; i < arguments.length; i++) { append(element, arguments[i]); }
    return element;
  }

  function append(parent, child) {
    if (child === null || child === undefined || child === false) { return; }
    if (Array.isArray(child)) { child.forEach(function (c) { append(parent, c); }); return; }
    if (typeof child === 'string' || typeof child === 'number') {
      parent.appendChild(document.createTextNode(String(child)));
      return;
    }
    parent.appendChild(child);
  }

  function clear(element) {
    while (element.firstChild) { element.removeChild(element.firstChild); }
  }

  function incidentHref(id) { return '#incident/' + encodeURIComponent(id); }
  function reportHref(id) { return '#report/' + encodeURIComponent(id); }

  /* A link to incident `id`, or its id as text when the page lacks it. */
  function incidentLink(id, label) {
    if (incidentIndex.has(id)) {
      return el('a', { href: incidentHref(id) }, label || id);
    }
    return el('span', { class: 'absent', title: 'not in this export' }, label || id);
  }

  function reportLink(index) {
    var report = allReports()[index];
    return report ? el('a', { href: reportHref(report.id) }, report.id) : null;
  }

  /* Only http and https addresses become links; anything else is text. */
  function externalLink(url) {
    if (typeof url !== 'string') { return null; }
    if (/^https?:\/\//i.test(url)) {
      return el('a', { href: url, rel: 'noopener noreferrer external', class: 'external' }, url);
    }
    return el('span', null, url);
  }

  function placeLabel(incident) {
    var place = incident.place;
    return place.country && place.country !== place.name ? place.name + ', ' + place.country : place.name;
  }

  /* sub-place › city › region › country, most precise first. */
  function placeHierarchy(incident) {
    var parts = [];
    (incident.sub_places || []).forEach(function (sub) { parts.push(sub); });
    if (incident.place.level !== 'country') { parts.push(incident.place.name); }
    if (incident.place.region && incident.place.region !== incident.place.name) {
      parts.push(incident.place.region);
    }
    if (incident.place.country) { parts.push(incident.place.country); }
    return parts.join(' › ');
  }

  function levelLabel(incident) {
    return incident.level === 'parent' ? 'day of action' : 'incident';
  }

  function figuresOf(incident, metric) {
    for (var i = 0; i < incident.figures.length; i++) {
      if (incident.figures[i].metric === metric) { return incident.figures[i]; }
    }
    return null;
  }

  function formatNumber(value) { return Number(value).toLocaleString('en-US'); }

  /* Incident dates are "2020-02-22", "2020-02" or "2020": the first and
   * last day they cover, as sortable strings. */
  function periodOf(date) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(date)) { return [date, date]; }
    if (/^\d{4}-\d{2}$/.test(date)) { return [date + '-01', date + '-31']; }
    if (/^\d{4}$/.test(date)) { return [date + '-01-01', date + '-12-31']; }
    return [date, date];
  }

  function dateSeconds(date) {
    var first = periodOf(date)[0].split('-');
    var time = Date.UTC(Number(first[0]), Number(first[1] || 1) - 1, Number(first[2] || 1));
    return isNaN(time) ? null : time / 1000;
  }

  /* ---- reports and texts: inflated once, on demand ---- */

  /* The JSON in a gzip+base64 block, parsed. */
  function unpack(id) {
    if (typeof DecompressionStream === 'undefined') {
      return Promise.reject(new Error('this browser cannot unpack the reports (it lacks DecompressionStream: Chrome 80, Firefox 113 and Safari 16.4 have it)'));
    }
    var binary = atob(byElementId(id).textContent.trim());
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text().then(JSON.parse);
  }

  var reportsPromise = null;
  function loadReports() {
    if (!reportsPromise) {
      reportsPromise = Promise.all([unpack('concord-reports'), unpack('concord-texts')]).then(function (parts) {
        reportsRead = parts[0];
        textsRead = parts[1];
        reportsRead.forEach(function (report, index) { reportIndex.set(report.id, index); });
        document.body.setAttribute('data-reports', 'ready');
      });
    }
    return reportsPromise;
  }

  /* ---- overview ---- */

  function renderOverview() {
    var body = byElementId('overview-body');
    clear(body);
    var range = summary.first_date ? summary.first_date + ' to ' + summary.last_date : 'none';
    var facts = [
      ['Reports', formatNumber(summary.reports)],
      ['Incidents', formatNumber(summary.incidents)],
      ['Days of action', formatNumber(summary.days_of_action)],
      ['Outlets', formatNumber(summary.outlets)],
      ['Dates', range],
      ['Conflicting claims', formatNumber(summary.conflicts) + ' in ' + formatNumber(summary.incidents_with_conflicts) + ' incidents'],
      ['Parts above the whole', formatNumber(summary.parts_warnings) + ' days of action whose stated figure is below the sum of their cities\' lowest figures'],
      ['Without coordinates', formatNumber(summary.without_coordinates) + ' incidents (not on the map)']
    ];
    var list = el('dl', { class: 'facts', id: 'overview-facts' });
    facts.forEach(function (fact) {
      list.appendChild(el('div', null, el('dt', null, fact[0]), el('dd', null, fact[1])));
    });
    body.appendChild(list);
    var provenance = el('dl', { class: 'facts provenance' });
    [
      ['Built from the log at event', formatNumber(summary.log_position) + ' (as of ' + summary.as_of + ')'],
      ['Log head hash', summary.log_head_hash],
      ['Extractor', summary.extractor_version],
      ['Reconciliation policy', summary.policy],
      ['Filter', summary.filter],
      ['concord', summary.concord_version]
    ].forEach(function (fact) {
      provenance.appendChild(el('div', null, el('dt', null, fact[0]), el('dd', { class: fact[0] === 'Log head hash' ? 'hash' : null }, fact[1])));
    });
    body.appendChild(el('h2', { class: 'small-heading' }, 'Provenance'));
    body.appendChild(provenance);
    var conflicted = incidents.filter(function (incident) { return incident.conflicts > 0; });
    if (conflicted.length) {
      var shown = conflicted.slice(0, 12);
      body.appendChild(el('h2', { class: 'small-heading' }, 'Incidents with conflicting claims'));
      body.appendChild(el('ul', { class: 'inline-list', id: 'overview-conflicts' }, shown.map(function (incident) {
        return el('li', null, incidentLink(incident.id, incident.date + ' ' + placeLabel(incident)), ' (' + incident.conflicts + ')');
      })));
      if (conflicted.length > shown.length) {
        body.appendChild(el('p', null, el('button', {
          type: 'button',
          onclick: function () {
            tableState.conflictsOnly = true;
            tableState.page = 0;
            syncControls();
            renderTable();
            location.hash = '#incidents';
          }
        }, 'Show all ' + conflicted.length + ' in the table')));
      }
    }
  }

  /* ---- map ---- */

  var map = null;
  var markerCount = 0;

  function markerRadius(incident) {
    return Math.min(22, 4 + 2.6 * Math.log10(1 + incident.largest));
  }

  function openIncident(id) { location.hash = incidentHref(id); }

  function markerLabel(incident) {
    var figures = incident.figures.map(function (metric) { return metric.metric + ' ' + metric.range; }).join(', ');
    return incident.date + ' · ' + placeLabel(incident) + ' · ' + incident.kind +
      (incident.level === 'parent' ? ' (day of action)' : '') + (figures ? ' · ' + figures : '');
  }

  function renderMap() {
    var container = byElementId('map-canvas');
    if (typeof L === 'undefined') { container.textContent = 'The map library did not load.'; return; }
    var useCanvas = incidents.length > 2000;
    container.setAttribute('data-renderer', useCanvas ? 'canvas' : 'svg');
    map = L.map(container, {
      preferCanvas: useCanvas,
      worldCopyJump: true,
      minZoom: 1,
      maxZoom: 13,
      zoomSnap: 0.5,
      keyboard: true
    });
    /* The view first: Leaflet adds layers to a map without one only later,
     * and each marker's element is labelled as it is added. */
    var located = incidents.filter(function (incident) { return incident.place.lat !== null; })
      .map(function (incident) { return [incident.place.lat, incident.place.lon]; });
    if (located.length) {
      map.fitBounds(L.latLngBounds(located).pad(0.15), { maxZoom: 6 });
    } else {
      map.setView([20, 0], 2);
    }
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution('Borders: Natural Earth (public domain) via world-atlas');
    var world = readJson('concord-world');
    if (world && typeof topojson !== 'undefined') {
      L.geoJSON(topojson.feature(world, world.objects.countries), {
        interactive: false,
        style: { color: '#8a8a8a', weight: 0.8, fillColor: '#f4f1ea', fillOpacity: 1 }
      }).addTo(map);
    }
    mark('concord-borders');
    var groups = L.layerGroup().addTo(map);
    var markers = L.featureGroup().addTo(map);
    /* Days of action: a dashed ring at the country's point, joined to
     * each of its cities. Drawn first, under the incidents. */
    incidents.forEach(function (incident) {
      if (incident.level !== 'parent' || incident.place.lat === null) { return; }
      (incident.children || []).forEach(function (childId) {
        var child = incidents[incidentIndex.get(childId)];
        if (!child || child.place.lat === null) { return; }
        L.polyline([[incident.place.lat, incident.place.lon], [child.place.lat, child.place.lon]], {
          color: '#555', weight: 1, opacity: 0.7, dashArray: '2 4', interactive: false
        }).addTo(groups);
      });
    });
    incidents.forEach(function (incident) {
      if (incident.place.lat === null) { return; }
      var style = KIND_STYLE[incident.kind] || KIND_STYLE.other;
      var parent = incident.level === 'parent';
      var marker = L.circleMarker([incident.place.lat, incident.place.lon], parent ? {
        radius: markerRadius(incident) + 6,
        color: '#222', weight: 2.5, dashArray: '6 4', fill: true, fillOpacity: 0.05, fillColor: '#222',
        className: 'incident-marker parent-marker'
      } : {
        radius: markerRadius(incident),
        color: style.colour, weight: style.weight, dashArray: style.dash,
        fillColor: style.colour, fillOpacity: 0.45,
        className: 'incident-marker kind-' + incident.kind
      });
      marker.incidentIndex = incidentIndex.get(incident.id);
      marker.addTo(markers);
      markerCount++;
      var element = marker.getElement && marker.getElement();
      if (element) {
        element.setAttribute('data-incident', incident.id);
        element.setAttribute('data-lat', String(incident.place.lat));
        element.setAttribute('data-lon', String(incident.place.lon));
        element.setAttribute('tabindex', '0');
        element.setAttribute('role', 'link');
        element.setAttribute('aria-label', markerLabel(incident));
        element.addEventListener('keydown', function (event) {
          if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); openIncident(incident.id); }
        });
      }
    });
    /* One handler for every point (not one per point): a label on hover,
     * the incident on click. */
    markers.on('mouseover', function (event) {
      var layer = event.layer;
      if (!layer.getTooltip()) {
        layer.bindTooltip(el('span', null, markerLabel(incidents[layer.incidentIndex])));
      }
      layer.openTooltip();
    });
    markers.on('mouseout', function (event) { event.layer.closeTooltip(); });
    markers.on('click', function (event) { openIncident(incidents[event.layer.incidentIndex].id); });
    container.setAttribute('data-markers', String(markerCount));
    renderMapLegend();
  }

  function legendSwatch(style, label, parent) {
    var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('width', '22');
    svg.setAttribute('height', '22');
    svg.setAttribute('aria-hidden', 'true');
    var circle = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
    circle.setAttribute('cx', '11');
    circle.setAttribute('cy', '11');
    circle.setAttribute('r', parent ? '9' : '7');
    circle.setAttribute('stroke', parent ? '#222' : style.colour);
    circle.setAttribute('stroke-width', String(parent ? 2.5 : style.weight));
    if (style.dash || parent) { circle.setAttribute('stroke-dasharray', parent ? '6 4' : style.dash); }
    circle.setAttribute('fill', parent ? 'none' : style.colour);
    circle.setAttribute('fill-opacity', '0.45');
    svg.appendChild(circle);
    return el('li', null, svg, ' ' + label);
  }

  function renderMapLegend() {
    var legend = byElementId('map-legend');
    clear(legend);
    var present = {};
    incidents.forEach(function (incident) { present[incident.kind] = true; });
    var items = Object.keys(KIND_STYLE).filter(function (kind) { return present[kind]; }).map(function (kind) {
      return legendSwatch(KIND_STYLE[kind], kind);
    });
    items.push(legendSwatch({}, 'day of action (dashed ring, joined to its cities)', true));
    legend.appendChild(el('ul', { 'aria-label': 'Map legend' }, items));
    legend.appendChild(el('p', { class: 'hint' }, markerCount + ' incidents on the map' +
      (summary.without_coordinates ? '; ' + summary.without_coordinates + ' without coordinates are in the table only' : '') +
      '. Country-wide incidents sit at the middle of their country.'));
  }

  /* ---- timeline ---- */

  var timeline = null;
  var bars = [];

  function drawShape(ctx, shape, x, y, size) {
    ctx.beginPath();
    if (shape === 'square') { ctx.rect(x - size, y - size, size * 2, size * 2); }
    else if (shape === 'triangle') { ctx.moveTo(x, y - size * 1.2); ctx.lineTo(x + size, y + size); ctx.lineTo(x - size, y + size); ctx.closePath(); }
    else if (shape === 'diamond') { ctx.moveTo(x, y - size * 1.3); ctx.lineTo(x + size, y); ctx.lineTo(x, y + size * 1.3); ctx.lineTo(x - size, y); ctx.closePath(); }
    else { ctx.arc(x, y, size, 0, 2 * Math.PI); }
    ctx.fill();
  }

  function barOffset(metricIndex) { return (metricIndex - 1.5) * 4; }

  function nearestBar(u, left, top) {
    var best = null;
    var bestDistance = 8;
    for (var i = 0; i < bars.length; i++) {
      var bar = bars[i];
      var x = u.valToPos(bar.x, 'x') + barOffset(bar.m);
      if (Math.abs(x - left) > bestDistance) { continue; }
      var high = u.valToPos(bar.max, 'y');
      var low = u.valToPos(bar.min, 'y');
      var dy = top < high ? high - top : (top > low ? top - low : 0);
      var distance = Math.sqrt((x - left) * (x - left) + dy * dy);
      if (distance < bestDistance) { bestDistance = distance; best = bar; }
    }
    return best;
  }

  function renderTimeline() {
    var container = byElementId('timeline-chart');
    if (typeof uPlot === 'undefined') { container.textContent = 'The chart library did not load.'; return; }
    var perDate = new Map();
    incidents.forEach(function (incident, index) {
      var x = dateSeconds(incident.date);
      if (x === null) { return; }
      incident.figures.forEach(function (figures) {
        var m = METRICS.indexOf(figures.metric);
        if (m < 0) { return; }
        bars.push({ i: index, m: m, x: x, min: figures.min, max: figures.max, parent: incident.level === 'parent' });
        var highs = perDate.get(x) || [null, null, null, null];
        highs[m] = Math.max(highs[m] === null ? 0 : highs[m], figures.max);
        perDate.set(x, highs);
      });
    });
    var status = byElementId('timeline-status');
    if (!bars.length) { container.textContent = 'No incident has figures to chart.'; return; }
    var xs = Array.from(perDate.keys()).sort(function (a, b) { return a - b; });
    if (xs.length === 1) { xs = [xs[0] - 86400 * 15, xs[0], xs[0] + 86400 * 15]; }
    var data = [xs];
    METRICS.forEach(function (metric, m) {
      data.push(xs.map(function (x) { var highs = perDate.get(x); return highs ? highs[m] : null; }));
    });
    var series = [{}].concat(METRICS.map(function (metric) {
      return { label: metric, stroke: METRIC_STYLE[metric].colour, paths: function () { return null; }, points: { show: false } };
    }));
    var width = Math.max(320, container.clientWidth || 800);
    var dpr = window.devicePixelRatio || 1;
    timeline = new uPlot({
      width: width,
      height: 320,
      legend: { show: false },
      cursor: { drag: { x: true, y: false }, points: { show: false } },
      scales: { x: { time: true }, y: { distr: 4, asinh: 1, range: function (u, min, max) { return [0, Math.max(10, max * 1.2)]; } } },
      axes: [{}, {
        label: 'people (lowest to highest figure)',
        size: 70,
        /* Powers of ten from 0 up: the scale is near-logarithmic. */
        splits: function (u, axisIndex, min, max) {
          var splits = [0];
          for (var tick = 1; tick <= max; tick *= 10) { splits.push(tick); }
          return splits;
        }
      }],
      series: series,
      hooks: {
        draw: [function (u) {
          var ctx = u.ctx;
          ctx.save();
          ctx.beginPath();
          ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
          ctx.clip();
          for (var i = 0; i < bars.length; i++) {
            var bar = bars[i];
            var style = METRIC_STYLE[METRICS[bar.m]];
            var x = u.valToPos(bar.x, 'x', true) + barOffset(bar.m) * dpr;
            if (x < u.bbox.left - 10 || x > u.bbox.left + u.bbox.width + 10) { continue; }
            var high = u.valToPos(bar.max, 'y', true);
            var low = u.valToPos(bar.min, 'y', true);
            ctx.strokeStyle = style.colour;
            ctx.fillStyle = style.colour;
            ctx.globalAlpha = bar.parent ? 0.45 : 0.85;
            ctx.lineWidth = 2 * dpr;
            ctx.setLineDash(bar.parent ? [3 * dpr, 2 * dpr] : []);
            ctx.beginPath();
            ctx.moveTo(x, low);
            ctx.lineTo(x, high);
            ctx.stroke();
            drawShape(ctx, style.shape, x, high, 3 * dpr);
            ctx.fillRect(x - 3 * dpr, low - dpr / 2, 6 * dpr, dpr);
          }
          ctx.restore();
        }]
      }
    }, data, container);
    var down = null;
    timeline.over.addEventListener('mousedown', function (event) { down = [event.clientX, event.clientY]; });
    timeline.over.addEventListener('click', function (event) {
      if (down && (Math.abs(event.clientX - down[0]) > 3 || Math.abs(event.clientY - down[1]) > 3)) { return; }
      var bar = nearestBar(timeline, event.offsetX, event.offsetY);
      if (bar) { openIncident(incidents[bar.i].id); }
    });
    var pending = false;
    timeline.over.addEventListener('mousemove', function (event) {
      if (pending) { return; }
      pending = true;
      var left = event.offsetX;
      var top = event.offsetY;
      window.requestAnimationFrame(function () {
        pending = false;
        var bar = nearestBar(timeline, left, top);
        timeline.over.style.cursor = bar ? 'pointer' : '';
        status.textContent = bar ? incidents[bar.i].date + ' · ' + placeLabel(incidents[bar.i]) + ' · ' +
          METRICS[bar.m] + ' ' + figuresOf(incidents[bar.i], METRICS[bar.m]).range + ' (click to open)' : '';
      });
    });
    container.setAttribute('data-bars', String(bars.length));
    var legend = byElementId('timeline-legend');
    clear(legend);
    legend.appendChild(el('ul', { 'aria-label': 'Timeline legend' }, METRICS.map(function (metric) {
      var canvas = document.createElement('canvas');
      canvas.width = 16; canvas.height = 16;
      canvas.setAttribute('aria-hidden', 'true');
      var ctx = canvas.getContext('2d');
      ctx.fillStyle = METRIC_STYLE[metric].colour;
      drawShape(ctx, METRIC_STYLE[metric].shape, 8, 8, 5);
      return el('li', null, canvas, ' ' + metric);
    }).concat([el('li', null, 'dashed: a day of action\'s figure for the whole')])));
    window.addEventListener('resize', function () {
      if (!byElementId('home').hidden) {
        timeline.setSize({ width: Math.max(320, container.clientWidth), height: 320 });
      }
    });
  }

  /* ---- table ---- */

  var tableState = {
    sortKey: 'date', sortDir: 1, text: '', kind: '', country: '', level: '',
    from: '', to: '', conflictsOnly: false, page: 0, pageSize: 100
  };
  var COLUMNS = [
    { key: 'date', label: 'Date' },
    { key: 'place', label: 'Place (sub-place › city › region › country)' },
    { key: 'kind', label: 'Kind' },
    { key: 'reports', label: 'Reports' }
  ].concat(METRICS.map(function (metric) { return { key: metric, label: metric.charAt(0).toUpperCase() + metric.slice(1), numeric: true }; }))
    .concat([{ key: 'conflicts', label: 'Conflicts', numeric: true }, { key: 'id', label: 'ID' }]);

  var searchText = incidents.map(function (incident) {
    return [incident.id, placeHierarchy(incident), incident.kind, levelLabel(incident), (incident.organizers || []).join(' ')]
      .join(' ').toLowerCase();
  });

  function sortValue(incident, key) {
    if (key === 'date') { return periodOf(incident.date)[0] + incident.id; }
    if (key === 'place') { return placeHierarchy(incident).toLowerCase(); }
    if (key === 'kind') { return incident.kind; }
    if (key === 'reports') { return incident.reports.length; }
    if (key === 'conflicts') { return incident.conflicts; }
    if (key === 'id') { return incident.id; }
    var figures = figuresOf(incident, key);
    return figures ? figures.min * 1e-6 + figures.max : null;
  }

  function matchingRows() {
    var text = tableState.text.trim().toLowerCase();
    var rows = [];
    incidents.forEach(function (incident, index) {
      if (text && searchText[index].indexOf(text) < 0) { return; }
      if (tableState.kind && incident.kind !== tableState.kind) { return; }
      if (tableState.country && incident.place.country !== tableState.country) { return; }
      if (tableState.level && incident.level !== tableState.level) { return; }
      if (tableState.conflictsOnly && !incident.conflicts) { return; }
      var period = periodOf(incident.date);
      if (tableState.from && period[1] < tableState.from) { return; }
      if (tableState.to && period[0] > tableState.to) { return; }
      rows.push(index);
    });
    var key = tableState.sortKey;
    var direction = tableState.sortDir;
    rows.sort(function (a, b) {
      var left = sortValue(incidents[a], key);
      var right = sortValue(incidents[b], key);
      if (left === right) { return a - b; }
      if (left === null) { return 1; }
      if (right === null) { return -1; }
      return (left < right ? -1 : 1) * direction;
    });
    return rows;
  }

  var controls = {};

  function option(value, label) { return el('option', { value: value }, label); }

  function renderTableControls() {
    var box = byElementId('table-controls');
    clear(box);
    var kinds = Array.from(new Set(incidents.map(function (incident) { return incident.kind; }))).sort();
    var countries = Array.from(new Set(incidents.map(function (incident) { return incident.place.country; }))).sort();
    var update = function () {
      tableState.text = controls.text.value;
      tableState.kind = controls.kind.value;
      tableState.country = controls.country.value;
      tableState.level = controls.level.value;
      tableState.from = controls.from.value;
      tableState.to = controls.to.value;
      tableState.conflictsOnly = controls.conflicts.checked;
      tableState.pageSize = Number(controls.pageSize.value);
      tableState.page = 0;
      renderTable();
    };
    controls.text = el('input', { type: 'search', id: 'filter-text', placeholder: 'id, place, organizer', oninput: update });
    controls.kind = el('select', { id: 'filter-kind', onchange: update }, option('', 'any kind'), kinds.map(function (kind) { return option(kind, kind); }));
    controls.country = el('select', { id: 'filter-country', onchange: update }, option('', 'any country'), countries.map(function (country) { return option(country, country); }));
    controls.level = el('select', { id: 'filter-level', onchange: update }, option('', 'incidents and days of action'), option('incident', 'incidents only'), option('parent', 'days of action only'));
    controls.from = el('input', { type: 'date', id: 'filter-from', onchange: update });
    controls.to = el('input', { type: 'date', id: 'filter-to', onchange: update });
    controls.conflicts = el('input', { type: 'checkbox', id: 'filter-conflicts', onchange: update });
    controls.pageSize = el('select', { id: 'page-size', onchange: update }, [50, 100, 500, 2000].map(function (size) { return option(String(size), size + ' rows a page'); }));
    controls.pageSize.value = String(tableState.pageSize);
    append(box, [
      el('label', { for: 'filter-text' }, 'Search '), controls.text,
      el('label', { for: 'filter-kind' }, 'Kind '), controls.kind,
      el('label', { for: 'filter-country' }, 'Country '), controls.country,
      el('label', { for: 'filter-level' }, 'Level '), controls.level,
      el('label', { for: 'filter-from' }, 'From '), controls.from,
      el('label', { for: 'filter-to' }, 'To '), controls.to,
      el('label', { for: 'filter-conflicts', class: 'check' }, controls.conflicts, ' with conflicts'),
      el('label', { for: 'page-size' }, 'Show '), controls.pageSize
    ]);
  }

  function syncControls() {
    if (controls.conflicts) { controls.conflicts.checked = tableState.conflictsOnly; }
  }

  function focusRow(row) { if (row && row.tagName === 'TR') { row.focus(); } }

  function renderTable() {
    var table = byElementId('incident-table');
    clear(table);
    var rows = matchingRows();
    var pages = Math.max(1, Math.ceil(rows.length / tableState.pageSize));
    tableState.page = Math.min(tableState.page, pages - 1);
    var start = tableState.page * tableState.pageSize;
    var shown = rows.slice(start, start + tableState.pageSize);
    table.appendChild(el('caption', { class: 'visually-hidden' }, 'Incidents; sort with the column buttons, open a row with Enter'));
    var head = el('tr');
    COLUMNS.forEach(function (column) {
      var sorted = tableState.sortKey === column.key;
      head.appendChild(el('th', {
        scope: 'col',
        'aria-sort': sorted ? (tableState.sortDir > 0 ? 'ascending' : 'descending') : 'none',
        class: column.numeric ? 'numeric' : null
      }, el('button', {
        type: 'button',
        'data-sort': column.key,
        onclick: function () {
          if (tableState.sortKey === column.key) { tableState.sortDir = -tableState.sortDir; }
          else { tableState.sortKey = column.key; tableState.sortDir = 1; }
          renderTable();
          var again = table.querySelector('button[data-sort="' + column.key + '"]');
          if (again) { again.focus(); }
        }
      }, column.label, el('span', { 'aria-hidden': 'true', class: 'sort-mark' }, sorted ? (tableState.sortDir > 0 ? ' ▲' : ' ▼') : ''))));
    });
    table.appendChild(el('thead', null, head));
    var body = el('tbody');
    shown.forEach(function (index) {
      var incident = incidents[index];
      var row = el('tr', {
        tabindex: '0',
        'data-incident': incident.id,
        class: incident.level === 'parent' ? 'parent-row' : null,
        'aria-label': incident.date + ', ' + placeLabel(incident) + ', ' + incident.kind + ': open incident',
        onclick: function () { openIncident(incident.id); },
        onkeydown: function (event) {
          if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); openIncident(incident.id); }
          else if (event.key === 'ArrowDown') { event.preventDefault(); focusRow(row.nextElementSibling); }
          else if (event.key === 'ArrowUp') { event.preventDefault(); focusRow(row.previousElementSibling); }
        }
      });
      row.appendChild(el('td', { class: 'date' }, incident.date));
      row.appendChild(el('td', null, placeHierarchy(incident), incident.level === 'parent' ? el('span', { class: 'badge' }, 'day of action, ' + (incident.children || []).length + ' incidents') : null));
      row.appendChild(el('td', null, incident.kind));
      row.appendChild(el('td', { class: 'numeric' }, String(incident.reports.length)));
      METRICS.forEach(function (metric) {
        var figures = figuresOf(incident, metric);
        row.appendChild(el('td', { class: 'numeric', 'data-metric': metric }, figures ? figures.range : ''));
      });
      row.appendChild(el('td', { class: 'numeric' }, incident.conflicts ? String(incident.conflicts) : ''));
      row.appendChild(el('td', { class: 'id' }, incident.id));
      body.appendChild(row);
    });
    table.appendChild(body);
    byElementId('table-status').textContent = rows.length === incidents.length ?
      'Showing ' + (rows.length ? start + 1 : 0) + '–' + (start + shown.length) + ' of ' + incidents.length + ' incidents' :
      rows.length + ' of ' + incidents.length + ' incidents match; showing ' + (rows.length ? start + 1 : 0) + '–' + (start + shown.length);
    var pager = byElementId('table-pages');
    clear(pager);
    if (pages > 1) {
      var go = function (page) { return function () { tableState.page = page; renderTable(); }; };
      append(pager, [
        el('button', { type: 'button', onclick: go(0), disabled: tableState.page === 0 }, '« first'),
        el('button', { type: 'button', onclick: go(tableState.page - 1), disabled: tableState.page === 0 }, '‹ previous'),
        el('span', null, ' page ' + (tableState.page + 1) + ' of ' + pages + ' '),
        el('button', { type: 'button', onclick: go(tableState.page + 1), disabled: tableState.page >= pages - 1 }, 'next ›'),
        el('button', { type: 'button', onclick: go(pages - 1), disabled: tableState.page >= pages - 1 }, 'last »')
      ]);
    }
  }

  /* ---- incident page ---- */

  function reportSource(index) {
    var report = allReports()[index];
    if (!report) { return null; }
    return el('span', { class: 'source' },
      report.outlet || 'unknown outlet', ' · ', report.published || 'undated', ' · ',
      reportLink(index), report.url ? [' · ', externalLink(report.url)] : null);
  }

  /* A sentence with its number marked, as text nodes. */
  function markedSentence(sentence, quoteStart, quoteEnd) {
    if (quoteStart < 0 || quoteEnd > sentence.length || quoteStart > quoteEnd) {
      return [sentence, ' [', el('mark', null, ''), ']'];
    }
    return [sentence.slice(0, quoteStart), el('mark', null, sentence.slice(quoteStart, quoteEnd)), sentence.slice(quoteEnd)];
  }

  function fillSentence(target, claim, texts) {
    clear(target);
    if (claim.coded) {
      append(target, [claim.coded + ': ', el('mark', null, claim.quote)]);
      return;
    }
    if (claim.r !== null && claim.r !== undefined && claim.f !== undefined && texts) {
      var text = texts[claim.r];
      var figure = allReports()[claim.r] && allReports()[claim.r].figs[claim.f];
      if (typeof text === 'string' && figure) {
        var sentence = text.slice(figure[2], figure[3]);
        append(target, markedSentence(sentence, figure[0] - figure[2], figure[1] - figure[2]));
        return;
      }
    }
    var fallback = claim.sentence || '';
    var at = fallback.toLowerCase().indexOf(claim.quote.toLowerCase());
    if (at >= 0 && claim.quote) {
      append(target, markedSentence(fallback, at, at + claim.quote.length));
    } else {
      append(target, [fallback, ' [', el('mark', null, claim.quote), ']']);
    }
  }

  function boundLine(label, metric, claimIndex, value, open) {
    var claim = metric.claims[claimIndex];
    if (!claim) { return null; }
    return el('li', { class: 'bound' },
      el('strong', null, label + ' ' + value + (open ? ' (open)' : '')), ' from ',
      reportLink(claim.r), ': ', el('q', { class: 'bound-quote' }, claim.quote));
  }

  function renderMetric(incident, metric, pending) {
    var section = el('section', { class: 'metric', 'data-metric': metric.metric, 'aria-labelledby': 'metric-' + metric.metric });
    section.appendChild(el('h3', { id: 'metric-' + metric.metric }, metric.metric + ': ', el('span', { class: 'range' }, metric.range)));
    section.appendChild(el('ul', { class: 'bounds' },
      boundLine('Lowest', metric, metric.min_claim, (metric.min_open ? 'more than ' : '') + formatNumber(metric.min), false),
      boundLine('Highest', metric, metric.max_claim, formatNumber(metric.max), metric.max_open)));
    var conflictsByClaim = {};
    (metric.conflicts || []).forEach(function (conflict) {
      (conflictsByClaim[conflict.claim] = conflictsByClaim[conflict.claim] || []).push(conflict.why);
    });
    var list = el('ol', { class: 'claims', start: '0' });
    metric.claims.forEach(function (claim, index) {
      var roles = [];
      if (index === metric.min_claim) { roles.push(el('span', { class: 'badge low' }, 'lowest bound')); }
      if (index === metric.max_claim) { roles.push(el('span', { class: 'badge high' }, 'highest bound')); }
      (conflictsByClaim[index] || []).forEach(function (why) {
        roles.push(el('span', { class: 'badge conflict' }, 'conflict: ' + why));
      });
      var sentence = el('blockquote', { class: 'sentence' });
      pending.push(function (texts) { fillSentence(sentence, claim, texts); });
      list.appendChild(el('li', { class: 'claim' },
        el('p', { class: 'statement' }, el('strong', null, claim.statement.replace(/_/g, ' ')), ' ', roles),
        sentence,
        el('p', { class: 'attribution' }, claim.attributed_to ? 'According to: ' + claim.attributed_to : 'No attribution stated',
          claim.places && claim.places.length ? ' · scope: ' + claim.places.join(' + ') : ''),
        el('p', null, reportSource(claim.r))));
    });
    section.appendChild(el('h4', null, 'Claims'));
    section.appendChild(list);
    if (metric.conflicts && metric.conflicts.length) {
      section.appendChild(el('div', { class: 'warning', role: 'note' },
        el('strong', null, 'Conflicts: '),
        metric.conflicts.map(function (conflict) {
          return el('div', null, 'claim ' + conflict.claim + ' (', el('q', null, (metric.claims[conflict.claim] || { quote: '' }).quote), '): ' + conflict.why);
        })));
    }
    if (metric.parts) {
      var parts = metric.parts;
      section.appendChild(el('div', { class: parts.whole_below_parts ? 'warning' : 'note', role: 'note' },
        el('strong', null, parts.whole_below_parts ? 'Parts above the whole: ' : 'Parts and the whole: '),
        'the sum of the cities\' lowest figures is ' + formatNumber(parts.sum_of_part_mins) +
        (parts.whole_below_parts ? ', more than the highest figure stated for the whole.' : ', consistent with the whole.'),
        el('ul', null, parts.parts.map(function (part) { return el('li', null, incidentLink(part[0]), ': ' + formatNumber(part[1])); }))));
    }
    return section;
  }

  function factRow(label, value) {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) { return null; }
    return el('div', null, el('dt', null, label), el('dd', null, value));
  }

  function joinNodes(nodes, separator) {
    var out = [];
    nodes.forEach(function (node, index) { if (index) { out.push(separator); } out.push(node); });
    return out;
  }

  function decisionItem(decision) {
    var subject = decision.kind === 'split' && decision.incident ?
      decision.reports.join(', ') + ' out of ' + decision.incident :
      decision.reports.join(decision.kind === 'correct' ? ' → ' : ' + ');
    return el('li', null, el('strong', null, 'event ' + decision.seq + ' ' + decision.kind), ' ' + subject + ': ',
      el('span', { class: 'reason' }, decision.reason), ' (recorded ' + decision.recorded_at + ')');
  }

  /* The detail area, emptied; `null` with a "not here" page when `index`
   * is undefined. */
  function detailFor(index, what) {
    var detail = byElementId('detail');
    clear(detail);
    if (index !== undefined) { return detail; }
    append(detail, [el('h1', { tabindex: '-1' }, 'No ' + what + ' in this export'), el('p', null, el('a', { href: '#incidents' }, 'All incidents'))]);
    return null;
  }

  function renderIncident(id) {
    var index = incidentIndex.get(id);
    var detail = detailFor(index, 'incident ' + id);
    if (!detail) { return; }
    var incident = incidents[index];
    var pending = [];
    var page = el('article', { class: 'incident-page', 'data-incident': incident.id });
    page.appendChild(el('p', { class: 'crumbs' }, el('a', { href: '#incidents' }, '← All incidents')));
    page.appendChild(el('h1', { tabindex: '-1' }, placeLabel(incident) + ', ' + incident.date));
    page.appendChild(el('p', { class: 'subtitle' }, levelLabel(incident) + ' · ' + incident.kind + ' · ', el('code', null, incident.id)));
    var coordinates = incident.place.lat === null ? 'none' :
      incident.place.lat.toFixed(4) + ', ' + incident.place.lon.toFixed(4) + (incident.place.country_point ? ' (the middle of the country)' : '');
    page.appendChild(el('dl', { class: 'facts' },
      factRow('Date', incident.date),
      factRow('Place', placeHierarchy(incident)),
      factRow('Coordinates', coordinates),
      factRow('Kind', incident.kind),
      factRow('Organizers', (incident.organizers || []).join('; ')),
      factRow('Part of', incident.parent ? incidentLink(incident.parent) : null),
      factRow('Incidents of the day', incident.children && incident.children.length ? joinNodes(incident.children.map(function (child) { return incidentLink(child); }), ', ') : null),
      factRow('Coded rows', (incident.coded || []).join('; ')),
      factRow('Replaces', (incident.replaces || []).join(', '))));
    var warnings = [];
    if (incident.conflicts) { warnings.push(incident.conflicts + ' conflicting claim' + (incident.conflicts > 1 ? 's' : '') + ' (marked below).'); }
    incident.figures.forEach(function (metric) {
      if (metric.parts && metric.parts.whole_below_parts) { warnings.push(metric.metric + ': the figure stated for the whole is below the sum of its parts.'); }
    });
    if (warnings.length) {
      page.appendChild(el('div', { class: 'warning', role: 'note' }, el('strong', null, 'Check: '), warnings.join(' ')));
    }
    page.appendChild(el('h2', null, 'Figures'));
    if (!incident.figures.length) { page.appendChild(el('p', null, 'No figures.')); }
    incident.figures.forEach(function (metric) { page.appendChild(renderMetric(incident, metric, pending)); });
    page.appendChild(el('h2', null, 'Reports'));
    page.appendChild(el('ul', { class: 'reports' }, incident.reports.map(function (r) {
      var report = allReports()[r];
      return el('li', null, reportLink(r), ' · ', report.title || '(untitled)', ' · ', reportSource(r));
    })));
    page.appendChild(el('h2', null, 'Analyst decisions'));
    var shaped = (incident.decisions || []).map(function (d) { return decisions[d]; }).filter(Boolean);
    page.appendChild(shaped.length ? el('ul', { class: 'decisions' }, shaped.map(decisionItem)) : el('p', null, 'None recorded.'));
    detail.appendChild(page);
    pending.forEach(function (fill) { fill(textsRead); });
    page.setAttribute('data-sentences', 'ready');
  }

  /* ---- report page ---- */

  /* Figures and places as non-overlapping highlights, in text order;
   * a figure wins over a place it overlaps. */
  function highlights(report) {
    var spans = report.figs.map(function (figure) {
      return { start: figure[0], end: figure[1], kind: 'figure', label: figure[4], incidents: figure[5] };
    }).concat(report.places.map(function (place) {
      return { start: place[0], end: place[1], kind: 'place', label: place[2] + ' (' + place[3] + ')', incidents: place[4] };
    }));
    spans.sort(function (a, b) { return a.start - b.start || (a.kind === 'figure' ? -1 : 1); });
    var kept = [];
    var reached = 0;
    spans.forEach(function (span) {
      if (span.start >= reached && span.end > span.start) { kept.push(span); reached = span.end; }
    });
    return kept;
  }

  function renderReportText(target, report, text) {
    clear(target);
    var at = 0;
    highlights(report).forEach(function (span) {
      if (span.end > text.length) { return; }
      append(target, text.slice(at, span.start));
      var words = text.slice(span.start, span.end);
      var linked = span.incidents.filter(function (i) { return incidents[i]; });
      var title = span.label + (linked.length ? ' → ' + linked.map(function (i) { return incidents[i].id; }).join(', ') : ' (no incident in this export)');
      var mark = el('mark', { class: 'hl ' + span.kind, title: title, 'data-kind': span.kind }, words);
      if (linked.length) {
        target.appendChild(el('a', { href: incidentHref(incidents[linked[0]].id), class: 'hl-link ' + span.kind }, mark));
      } else {
        target.appendChild(mark);
      }
      at = span.end;
    });
    append(target, text.slice(at));
  }

  function renderReport(id) {
    var index = reportIndex.get(id);
    var detail = detailFor(index, 'report ' + id);
    if (!detail) { return; }
    var report = allReports()[index];
    var page = el('article', { class: 'report-page', 'data-report': report.id });
    page.appendChild(el('p', { class: 'crumbs' }, el('a', { href: '#incidents' }, '← All incidents')));
    page.appendChild(el('h1', { tabindex: '-1' }, report.title || report.id));
    page.appendChild(el('dl', { class: 'facts' },
      factRow('Report', el('code', null, report.id)),
      factRow('Outlet', report.outlet || 'unknown'),
      factRow('Published', report.published || 'undated'),
      factRow('Address', report.url ? externalLink(report.url) : null),
      factRow('Status', report.status),
      factRow('Incidents', report.incidents.length ? joinNodes(report.incidents.map(function (i) {
        return incidentLink(incidents[i].id, incidents[i].date + ' ' + placeLabel(incidents[i]));
      }), ', ') : 'none in this export')));
    page.appendChild(el('p', { class: 'legend-line' }, 'Highlighted: ', el('mark', { class: 'hl figure' }, 'figures'), ' and ',
      el('mark', { class: 'hl place' }, 'place names'), ' as extraction found them; each links to the incident it fed.'));
    var text = el('div', { class: 'report-text', id: 'report-text' });
    page.appendChild(el('h2', null, 'Text'));
    page.appendChild(text);
    detail.appendChild(page);
    renderReportText(text, report, textsRead && typeof textsRead[index] === 'string' ? textsRead[index] : '');
    page.setAttribute('data-text', 'ready');
  }

  /* ---- navigation ---- */

  var homeBuilt = false;

  function buildHome() {
    if (homeBuilt) { return; }
    homeBuilt = true;
    renderOverview();
    renderTableControls();
    renderTable();
    mark('concord-table');
    renderMap();
    mark('concord-map');
    renderTimeline();
    mark('concord-timeline');
  }

  var lastIncident = null;

  function showHome(section) {
    byElementId('detail').hidden = true;
    byElementId('home').hidden = false;
    buildHome();
    if (map) { map.invalidateSize(); }
    var target = section ? byElementId(section) : null;
    if (target) {
      target.scrollIntoView();
    } else if (lastIncident) {
      var row = byElementId('incident-table').querySelector('tr[data-incident="' + CSS.escape(lastIncident) + '"]');
      if (row) { row.focus(); }
    }
  }

  /* An incident or report page, drawn once the reports are unpacked (at
   * once after the first time). */
  function showDetail(render, id) {
    byElementId('home').hidden = true;
    var detail = byElementId('detail');
    detail.hidden = false;
    var hash = location.hash;
    var draw = function (problem) {
      if (location.hash !== hash) { return; }
      render(id);
      if (problem) {
        detail.appendChild(el('p', { class: 'warning', role: 'alert' }, 'The reports could not be unpacked, so sentences and report pages are missing: ' + problem.message));
      }
      window.scrollTo(0, 0);
      var heading = detail.querySelector('h1');
      if (heading) { heading.focus(); }
    };
    if (textsRead) { draw(null); return; }
    clear(detail);
    detail.appendChild(el('p', { role: 'status' }, 'Unpacking the reports…'));
    loadReports().then(function () { draw(null); }, draw);
  }

  function route() {
    var hash = location.hash.slice(1);
    var decoded;
    try { decoded = decodeURIComponent(hash); } catch (error) { decoded = hash; }
    if (decoded.indexOf('incident/') === 0) {
      lastIncident = decoded.slice('incident/'.length);
      showDetail(renderIncident, lastIncident);
    } else if (decoded.indexOf('report/') === 0) {
      showDetail(renderReport, decoded.slice('report/'.length));
    } else {
      showHome(decoded);
    }
  }

  window.addEventListener('hashchange', route);
  byElementId('subtitle').textContent = summary.incidents + ' incidents and ' + summary.days_of_action +
    ' days of action from ' + summary.reports + ' reports';
  route();
  document.body.setAttribute('data-ready', 'true');
  mark('concord-end');
  /* The first view is drawn once two frames have been painted after the
   * build: docs/BENCHMARKS.md reads this mark. */
  window.requestAnimationFrame(function () {
    window.requestAnimationFrame(function () {
      mark('concord-first-view');
      document.body.setAttribute('data-first-view-ms', String(Math.round(performance.now())));
      /* Unpack the texts while the reader looks at the first view. */
      window.setTimeout(function () { loadReports().catch(function () { return null; }); }, 100);
    });
  });
}());
