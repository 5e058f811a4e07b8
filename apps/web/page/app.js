// respgrid's web map: the county's grids from the service's vector tiles, who owns a grid, the
// ledger's cases, a report form and the day's figures, all from `respgrid serve`
// (docs/service.md). Plain JavaScript on MapLibre GL JS, no base map and no other host: the page
// works offline. Names are shown in the side panel and popups, never as map labels, because text
// layers need a glyph server.
'use strict';

// Every request is relative to the page, so a proxy may serve it under a sub-path.
const BASE = new URL('.', location.href).href;
const TOKEN_KEY = 'respgrid.token';

// Township colours. A grid's colour is its township code (digits) modulo the palette's length:
// neighbouring codes get different colours, and the map needs no list of townships to draw.
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948',
                 '#b07aa1', '#ff9da7', '#9c755f', '#86bcb6', '#d4a6c8', '#a0cbe8'];
const townshipColour = (code) => PALETTE[(Number(code) % PALETTE.length) || 0];  // NaN: 0, as to-number's fallback
const colourBy = (field) => ['to-color', ['at',
  ['%', ['to-number', ['get', field], 0], PALETTE.length], ['literal', PALETTE]]];

// Case statuses (grids/ledger.hpp), in the order a case moves; an overdue case is drawn red.
const STATUSES = [
  ['logged', '立案', '#90a4ae'], ['dispatched', '已派遣', '#1e88e5'], ['in_progress', '整改中', '#fb8c00'],
  ['fixed', '已整改', '#43a047'], ['checked', '已核查', '#00897b'], ['closed', '已销号', '#546e7a'],
  ['rejected', '退回', '#bdbdbd'], ['reopened', '重新交办', '#8e24aa']];
// On the books (挂账): every status but closed (销号) and rejected, the map's default.
const ON_THE_BOOKS = STATUSES.map(([s]) => s).filter((s) => s !== 'closed' && s !== 'rejected').join(',');
const OVERDUE_COLOUR = '#d50000';
const ISSUE_COLOUR = ['case', ['==', ['to-number', ['get', 'overdue'], 0], 1], OVERDUE_COLOUR,
  ['match', ['get', 'status'], ...STATUSES.flatMap(([s, , c]) => [s, c]), '#78909c']];

const $ = (id) => document.getElementById(id);

// An element with attributes and children (strings become text: data never becomes markup).
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null) node.setAttribute(k, v);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// A definition list of [term, value] pairs, skipping empty values.
function definitions(pairs) {
  return el('dl', {}, pairs.filter(([, v]) => v !== undefined && v !== null && v !== '')
    .flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

// fetch, JSON in and out; a refusal throws with the service's own message (its error body, or
// the Open311 form of it).
async function api(path, options = {}) {
  const response = await fetch(new URL(path, BASE), options);
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = null; }
  if (!response.ok) {
    const message = body?.error?.message ?? (Array.isArray(body) ? body[0]?.description : null) ?? text;
    throw new Error(`${response.status} ${message || response.statusText}`);
  }
  return body;
}

function showMessage(text) {
  const message = $('message');
  message.textContent = text;
  message.hidden = !text;
}

// "2026-09-30T17:00:00+08:00" → "2026-09-30 17:00" (the service already answers in local time).
const localTime = (iso) => (iso ? String(iso).replace('T', ' ').replace(/:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)?$/, '') : '');
const percent = (rate) => (rate === null || rate === undefined ? '–' : `${(Number(rate) * 100).toFixed(1)}%`);
const tel = (phone) => (phone ? el('a', { href: `tel:${phone}` }, phone) : '');

// ---------------------------------------------------------------------------------------------
// The map

function mapStyle() {
  return {
    version: 8,
    sources: {
      grid: { type: 'vector', tiles: [`${BASE}v1/tiles/{z}/{x}/{y}.pbf`], minzoom: 0, maxzoom: 14 },
      issues: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      pick: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f3f1ec' } },
      { id: 'townships-fill', type: 'fill', source: 'grid', 'source-layer': 'townships',
        paint: { 'fill-color': colourBy('code'),
        'fill-opacity': ['interpolate', ['linear'], ['zoom'], 9, 0.45, 12, 0.08] } },
      { id: 'grids-fill', type: 'fill', source: 'grid', 'source-layer': 'grids', minzoom: 12,
        paint: { 'fill-color': colourBy('township_code'), 'fill-opacity': 0.5 } },
      { id: 'grids-line', type: 'line', source: 'grid', 'source-layer': 'grids', minzoom: 12,
        paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 0.3, 16, 1.2] } },
      { id: 'villages-line', type: 'line', source: 'grid', 'source-layer': 'villages',
        paint: { 'line-color': '#546e7a', 'line-width': 0.8, 'line-dasharray': [3, 2] } },
      { id: 'townships-line', type: 'line', source: 'grid', 'source-layer': 'townships',
        paint: { 'line-color': '#263238', 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.5, 14, 3.5] } },
      { id: 'grid-selected', type: 'line', source: 'grid', 'source-layer': 'grids', minzoom: 12,
        filter: ['==', ['get', 'code'], ''], paint: { 'line-color': '#d81b60', 'line-width': 3 } },
      { id: 'issues-circle', type: 'circle', source: 'issues',
        paint: { 'circle-color': ISSUE_COLOUR, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5,
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 3.5, 15, 7] } },
      { id: 'pick-point', type: 'circle', source: 'pick',
        paint: { 'circle-color': '#000000', 'circle-radius': 6, 'circle-stroke-color': '#ffeb3b', 'circle-stroke-width': 3 } },
    ],
  };
}

async function createMap() {
  // The county's extent from /v1/health; without one, China (nothing else is known offline).
  let health = {};
  try { health = (await api('v1/health')) ?? {}; } catch (error) { showMessage(`服务不可用：${error.message}`); }
  if (health.name) {
    $('county-name').textContent = `${health.name} `;
    document.title = `${health.name}网格化管理地图`;
  }
  const bbox = Array.isArray(health.bbox) && health.bbox.length === 4 ? health.bbox : null;
  const map = new maplibregl.Map({
    container: 'map',
    style: mapStyle(),
    ...(bbox ? { bounds: [[bbox[0], bbox[1]], [bbox[2], bbox[3]]], fitBoundsOptions: { padding: 24 } }
      : { center: [104, 35], zoom: 3.5 }),
    maxZoom: 19,
    attributionControl: false,
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  window.respgridMap = map;  // for the browser test and the console
  return map;
}

// ---------------------------------------------------------------------------------------------
// Townships: read from the tiles themselves (no endpoint lists them), for the legend and the filter.

const townships = new Map();

function collectTownships(map) {
  let added = false;
  for (const f of map.querySourceFeatures('grid', { sourceLayer: 'townships' })) {
    const { code, name } = f.properties;
    if (code && !townships.has(code)) { townships.set(code, name); added = true; }
  }
  if (!added) return;
  const sorted = [...townships].sort(([a], [b]) => a.localeCompare(b));
  $('township-legend').replaceChildren(...sorted.map(([code, name]) => el('li', { 'data-code': code },
    el('span', { class: 'swatch', style: `background:${townshipColour(code)}` }), name)));
  const select = $('filter-township');
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '' }, '全部乡镇/街道'),
    ...sorted.map(([code, name]) => el('option', { value: code }, name)));
  select.value = chosen;
}

// ---------------------------------------------------------------------------------------------
// A grid: its owners in the side panel

// An owner as `respgrid owners --json` lists it: a person (a grid worker) or a unit (a village, a
// department) with its contact person.
function ownerName(o) {
  const name = o.name || o.owner || o.owner_id;
  if (!name) return '（空缺）';  // a role nobody active fills
  const person = o.person || o.contact;
  return person && person !== name ? `${name}（${person}）` : name;
}

async function showGrid(map, code) {
  map.setFilter('grid-selected', ['==', ['get', 'code'], code]);
  const panel = $('details');
  panel.replaceChildren(el('h2', {}, `网格 ${code}`), el('p', { class: 'hint' }, '正在查询…'));
  try {
    const { properties: p } = await api(`v1/grids/${encodeURIComponent(code)}`);
    const owners = Array.isArray(p.owners) ? p.owners : [];
    panel.replaceChildren(
      el('h2', {}, `网格 ${p.code}`),
      el('div', { class: 'details', 'data-testid': 'grid-details', 'data-code': p.code }, definitions([
        ['网格名称', p.name],
        ['村/社区', p.village_name && `${p.village_name}（${p.village_code}）`],
        ['乡镇/街道', p.township_name && `${p.township_name}（${p.township_code}）`],
        ['面积', p.area_m2 != null ? `${(Number(p.area_m2) / 10000).toFixed(2)} 公顷` : ''],
      ])),
      el('h3', {}, '责任人'),
      owners.length === 0 ? el('p', { class: 'hint' }, '无责任人')
        : el('table', { 'data-testid': 'grid-owners' },
          el('tr', {}, el('th', {}, '职责'), el('th', {}, '责任人'), el('th', {}, '电话')),
          owners.map((o) => el('tr', {}, el('td', {}, o.label || o.role_zh || o.role || ''),
            el('td', { 'data-testid': 'owner-name' }, ownerName(o)), el('td', {}, tel(o.phone))))));
  } catch (error) {
    panel.replaceChildren(el('h2', {}, `网格 ${code}`), el('p', { class: 'result error' }, `查询失败：${error.message}`));
  }
}

// ---------------------------------------------------------------------------------------------
// Issues: the ledger's cases as circles, re-fetched whenever a filter changes

async function loadIssues(map) {
  const query = new URLSearchParams();
  if ($('filter-status').value) query.set('status', $('filter-status').value);
  if ($('filter-overdue').checked) query.set('overdue', '1');
  if ($('filter-category').value) query.set('category', $('filter-category').value);
  if ($('filter-township').value) query.set('township', $('filter-township').value);
  try {
    const collection = await api(`v1/issues${query.toString() ? `?${query}` : ''}`);
    map.getSource('issues').setData(collection);
    window.respgridIssues = collection;  // what the map shows, for the browser test
    const count = collection.features?.length ?? 0;
    $('issue-count').textContent = `${count} 件${collection.truncated ? '（仅显示部分）' : ''}`;
  } catch (error) {
    showMessage(`问题加载失败：${error.message}`);
  }
}

function showIssue(map, feature, lngLat) {
  const p = feature.properties;
  const overdue = Number(p.overdue) === 1;
  const content = el('div', { 'data-testid': 'issue-popup', 'data-number': p.number },
    el('strong', {}, p.number), overdue ? el('span', { class: 'overdue-mark' }, ' 超期') : '',
    definitions([
      ['问题类别', p.category_name || p.category],
      ['状态', p.status_zh || p.status],
      ['办理时限', localTime(p.deadline)],
      ['责任单位', p.responsible],
      ['所在网格', p.grid_code],
      ['问题描述', p.description],
    ]));
  new maplibregl.Popup({ maxWidth: '320px' }).setLngLat(lngLat).setDOMContent(content).addTo(map);
}

function statusFilter() {
  $('filter-status').replaceChildren(el('option', { value: ON_THE_BOOKS }, '在办（未销号）'),
    el('option', { value: '' }, '全部'), ...STATUSES.map(([s, label]) => el('option', { value: s }, label)));
}

function statusLegend() {
  $('status-legend').replaceChildren(
    el('li', {}, el('span', { class: 'swatch dot', style: `background:${OVERDUE_COLOUR}` }), '超期'),
    ...STATUSES.filter(([s]) => s !== 'rejected').map(([, label, colour]) =>
      el('li', {}, el('span', { class: 'swatch dot', style: `background:${colour}` }), label)));
}

// ---------------------------------------------------------------------------------------------
// The categories (Open311 services), for the filter and the report form

async function loadCategories() {
  let services = [];
  try { services = (await api('open311/v2/services.json')) ?? []; } catch (error) {
    showMessage(`问题类别加载失败：${error.message}`);
  }
  const groups = new Map();
  for (const s of services) {
    const group = s.group || '其他';
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group).push(el('option', { value: s.service_code }, `${s.service_name}（${s.service_code}）`));
  }
  const grouped = () => [...groups].map(([label, options]) =>
    el('optgroup', { label }, options.map((o) => o.cloneNode(true))));
  $('filter-category').append(...grouped());
  $('report-category').replaceChildren(el('option', { value: '' }, '请选择问题类别'), ...grouped());
}

// ---------------------------------------------------------------------------------------------
// The day's figures (/v1/summary, today)

function renderSummary(summary) {
  // The totals may come as `totals` or at the top level; the units as `townships` or `ranking`.
  const t = summary.totals ?? summary.total ?? summary;
  const set = (id, value) => { $(id).textContent = value === undefined || value === null ? '–' : value; };
  set('figure-received', t.received);
  set('figure-on-time', t.rectified_on_time);
  set('figure-open', t.open);
  set('figure-overdue', t.overdue);
  set('figure-rate', percent(t.on_time_rate));
  $('summary-day').textContent = summary.day ?? summary.period?.last ?? '';
  const units = summary.townships ?? summary.ranking ?? summary.township_ranking ?? [];
  $('ranking').replaceChildren(...units.slice(0, 5).map((u) => el('li', { 'data-code': u.code },
    u.name || u.code || '未定位', el('span', {}, `超期 ${u.overdue ?? 0} · 按时率 ${percent(u.on_time_rate)}`))));
}

async function loadSummary() {
  try { renderSummary((await api('v1/summary')) ?? {}); } catch (error) { showMessage(`今日概况加载失败：${error.message}`); }
}

// ---------------------------------------------------------------------------------------------
// The report form: a point picked on the map, a category, a description, the token

const report = { picking: false, point: null };

function setPicking(on) {
  report.picking = on;
  $('map').classList.toggle('picking', on);
  $('pick-point').textContent = on ? '请点击地图…' : '在地图上选点';
}

function pickPoint(map, lngLat) {
  report.point = { lon: lngLat.lng, lat: lngLat.lat };
  $('report-point').textContent = `经度 ${lngLat.lng.toFixed(6)}，纬度 ${lngLat.lat.toFixed(6)}`;
  map.getSource('pick').setData({ type: 'Feature', properties: {},
    geometry: { type: 'Point', coordinates: [lngLat.lng, lngLat.lat] } });
  setPicking(false);
}

function showResult(text, isError) {
  const result = $('report-result');
  result.textContent = text;
  result.classList.toggle('error', isError);
  result.hidden = false;
}

async function submitReport(map) {
  const token = $('report-token').value.trim();
  localStorage.setItem(TOKEN_KEY, token);
  if (!report.point) { showResult('请先在地图上选点', true); return; }
  const body = {
    service_code: $('report-category').value,
    lat: report.point.lat,
    long: report.point.lon,
    description: $('report-description').value.trim(),
  };
  $('report-submit').disabled = true;
  try {
    const [answer] = await api('open311/v2/requests.json', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const result = $('report-result');
    result.replaceChildren(
      '已受理：编号 ', el('strong', { 'data-testid': 'report-number' }, answer.service_request_id),
      el('br'), `责任单位：${answer.agency_responsible || '（未指定）'}`,
      answer.expected_datetime ? el('br') : '', answer.expected_datetime ? `办理时限：${localTime(answer.expected_datetime)}` : '',
      answer.service_notice ? el('br') : '', answer.service_notice || '');
    result.classList.remove('error');
    result.hidden = false;
    $('report-description').value = '';
    await Promise.all([loadIssues(map), loadSummary()]);
  } catch (error) {
    showResult(`上报失败：${error.message}`, true);
  } finally {
    $('report-submit').disabled = false;
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  statusFilter();
  statusLegend();
  $('report-token').value = localStorage.getItem(TOKEN_KEY) ?? '';
  const map = await createMap();
  map.on('load', () => {
    loadIssues(map);
    for (const id of ['filter-status', 'filter-overdue', 'filter-category', 'filter-township']) {
      $(id).addEventListener('change', () => loadIssues(map));
    }
  });
  map.on('idle', () => {
    collectTownships(map);
    document.body.dataset.mapReady = '1';
  });
  // One click handler: picking a point first, then an issue above the grid beneath it.
  map.on('click', (e) => {
    if (report.picking) { pickPoint(map, e.lngLat); return; }
    const [hit] = map.queryRenderedFeatures(e.point, { layers: ['issues-circle', 'grids-fill'] });
    if (!hit) return;
    if (hit.layer.id === 'issues-circle') showIssue(map, hit, hit.geometry.coordinates);
    else showGrid(map, hit.properties.code);
  });
  for (const layer of ['issues-circle', 'grids-fill']) {
    map.on('mouseenter', layer, () => { if (!report.picking) map.getCanvas().style.cursor = 'pointer'; });
    map.on('mouseleave', layer, () => { map.getCanvas().style.cursor = ''; });
  }
  $('pick-point').addEventListener('click', () => setPicking(!report.picking));
  $('report-form').addEventListener('submit', (e) => { e.preventDefault(); submitReport(map); });
  await Promise.all([loadCategories(), loadSummary()]);
}

main();
