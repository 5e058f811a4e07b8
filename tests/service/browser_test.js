// The web map end to end: `respgrid serve` on a small real project (small_project.js), the page in
// headless Chromium (Debian's, driven by playwright-core), checked against the service's own
// answers and the CLI's. tests/service/CMakeLists.txt runs it:
//   node browser_test.js --respgrid BIN --modules NODE_MODULES --work DIR [--keep]
// DIR receives serve_map.png (the screenshot docs/images/serve_map.png is made from) and, with
// --keep or on a failure, the project and the server's log.
'use strict';

const assert = require('assert/strict');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { execFileSync, spawn } = require('child_process');
const { makeSmallProject } = require('./small_project');

const CHROMIUM = '/usr/bin/chromium';
const TOKEN = 'browser-test-token';
let passed = 0;  // steps passed, for the closing line ctest and CI read

function options(argv) {
  const o = { keep: false };
  for (let i = 2; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--keep') o.keep = true;
    else if (['--respgrid', '--modules', '--work'].includes(a)) o[a.slice(2)] = argv[++i];
    else throw new Error(`browser_test.js: unknown argument ${a}`);
  }
  for (const k of ['respgrid', 'modules', 'work']) if (!o[k]) throw new Error(`browser_test.js: --${k} is required`);
  return o;
}

// A port nobody listens on now (the kernel's choice); the server binds it a moment later.
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Starts `respgrid serve` and waits for /v1/health; rejects if the server exits first.
async function startServer(respgrid, project, tokenFile, log) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const out = fs.openSync(log, 'w');
  const server = spawn(respgrid, ['serve', project, '--listen', `127.0.0.1:${port}`, '--token-file', tokenFile],
    { stdio: ['ignore', out, out] });
  let exited = null;
  server.on('exit', (code, signal) => { exited = `exit ${code ?? signal}`; });
  for (const deadline = Date.now() + 60e3; Date.now() < deadline; await sleep(200)) {
    if (exited) throw new Error(`respgrid serve stopped (${exited}) before answering; its log: ${log}`);
    try {
      const r = await fetch(`${base}/v1/health`);
      if (r.ok) return { server, base };
    } catch { /* not listening yet */ }
  }
  server.kill('SIGKILL');
  throw new Error(`respgrid serve did not answer /v1/health within 60 s; its log: ${log}`);
}

async function stopServer(server) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  if (await Promise.race([exited.then(() => true), sleep(10e3).then(() => false)])) return;
  server.kill('SIGKILL');
  await exited;
}

async function getJson(url) {
  const r = await fetch(url);
  assert.equal(r.status, 200, `GET ${url}: ${r.status} ${await r.clone().text()}`);
  return r.json();
}

// The mean of a polygon's outer ring: inside a grid, which is convex (a square, or a square cut
// by a straight village border).
function ringCentre(geometry) {
  const ring = (geometry.type === 'MultiPolygon' ? geometry.coordinates[0] : geometry.coordinates)[0].slice(0, -1);
  return { lon: ring.reduce((s, p) => s + p[0], 0) / ring.length, lat: ring.reduce((s, p) => s + p[1], 0) / ring.length };
}

// Centres the map on a point at zoom 15, waits until it is drawn, and returns the point's page
// coordinates (the map canvas's offset added).
async function showPoint(page, { lon, lat }) {
  const inCanvas = await page.evaluate(([x, y]) => new Promise((resolve) => {
    const map = window.respgridMap;
    map.once('idle', () => resolve(map.project([x, y])));
    map.jumpTo({ center: [x, y], zoom: 15 });
    map.triggerRepaint();  // 'idle' comes after a frame, even when the view was already there
  }), [lon, lat]);
  const box = await page.locator('#map canvas').boundingBox();
  return { x: box.x + inCanvas.x, y: box.y + inCanvas.y };
}

async function main() {
  const o = options(process.argv);
  const { chromium } = require(path.join(o.modules, 'playwright-core'));
  assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing: scripts/setup.sh installs Debian's chromium`);
  fs.mkdirSync(o.work, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'respgrid-browser-'));
  const cli = (...args) => execFileSync(o.respgrid, args, { encoding: 'utf8' });
  const step = async (name, body) => { await body(); passed += 1; console.log(`ok ${passed} - ${name}`); };

  let server = null;
  let browser = null;
  let failed = true;
  try {
    const small = makeSmallProject(o.respgrid, dir);
    const tokenFile = path.join(dir, 'token');
    fs.writeFileSync(tokenFile, `${TOKEN}\n`);
    const started = await startServer(o.respgrid, small.project, tokenFile, path.join(dir, 'serve.log'));
    server = started.server;
    const { base } = started;

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true,
      // Root in a container has no sandbox; WebGL runs on SwiftShader without a GPU.
      args: ['--no-sandbox', '--enable-unsafe-swiftshader'] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const elsewhere = [];
    const pageErrors = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1') elsewhere.push(r.url());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));

    await step('the page loads and fits the county', async () => {
      const response = await page.goto(`${base}/`);
      assert.equal(response.status(), 200, `GET / answered ${response.status()}: the service does not serve the `
        + 'web map (respgrid::web::find_web_asset, apps/web)');
      await page.waitForSelector('body[data-map-ready="1"]', { timeout: 60e3 });
      assert.match(await page.locator('[data-testid=title]').innerText(), /网格化管理地图/);
      const health = await getJson(`${base}/v1/health`);
      if (health.bbox) {
        const b = await page.evaluate(() => window.respgridMap.getBounds().toArray());
        assert.ok(b[0][0] <= health.bbox[0] && b[1][0] >= health.bbox[2], `the view ${b} holds the county ${health.bbox}`);
      }
    });

    // The grid holding the test's point, as the CLI finds it; the page is clicked at its centre.
    const located = JSON.parse(cli('locate', small.project, '--lon', small.gridPoint.lon, '--lat', small.gridPoint.lat, '--json'));
    const gridCode = located.grid.code;
    const grid = await getJson(`${base}/v1/grids/${gridCode}`);

    await step('the map draws the grids from the tiles', async () => {
      await showPoint(page, ringCentre(grid.geometry));
      const drawn = await page.evaluate(() => window.respgridMap.queryRenderedFeatures({ layers: ['grids-fill'] })
        .map((f) => f.properties.code));
      assert.ok(drawn.length > 0, 'no grid drawn');
      assert.ok(drawn.includes(gridCode), `grid ${gridCode} not among those drawn`);
    });

    await step('a click on a grid shows its owners', async () => {
      const at = await showPoint(page, ringCentre(grid.geometry));
      await page.mouse.click(at.x, at.y);
      const details = page.locator(`[data-testid=grid-details][data-code="${gridCode}"]`);
      await details.waitFor({ timeout: 10e3 });
      const shown = await page.locator('[data-testid=owner-name]').allInnerTexts();
      const owners = grid.properties.owners;
      assert.ok(owners.length >= 4, `grid ${gridCode} has ${owners.length} owners`);
      for (const owner of owners) {
        assert.ok(owner.name, `grid ${gridCode}: a vacant role ${owner.role}`);
        assert.ok(shown.some((text) => text.includes(owner.name)), `owner ${owner.name} not in the panel: ${shown}`);
      }
      assert.ok(shown.some((text) => text.startsWith('网格员')), `the grid worker not in the panel: ${shown}`);
    });

    await step('the day\'s figures and the issues are shown', async () => {
      await page.waitForFunction(() => document.querySelector('[data-testid=figure-received]').textContent !== '–');
      const count = await page.evaluate(() => window.respgridIssues.features.length);
      assert.ok(count >= 3, `${count} issues on the map`);
      // Each filter asks the service again; what comes back is what was asked for.
      await page.locator('[data-testid=filter-township]').selectOption('411626101');
      await page.waitForFunction((all) => window.respgridIssues.features.length < all, count);
      const townships = await page.evaluate(() => window.respgridIssues.features.map((f) => f.properties.township_code));
      assert.ok(townships.length > 0 && townships.every((t) => t === '411626101'), `township filter: ${townships}`);
      await page.locator('[data-testid=filter-township]').selectOption('');
      await page.waitForFunction((all) => window.respgridIssues.features.length === all, count);
      await page.locator('[data-testid=filter-overdue]').check();
      await page.waitForFunction((all) => window.respgridIssues.features.length < all, count);
      const overdue = await page.evaluate(() => window.respgridIssues.features.map((f) => Number(f.properties.overdue)));
      assert.ok(overdue.length > 0 && overdue.every((o) => o === 1), `overdue filter: ${overdue}`);
    });

    // The report: picked on the map at the centre of the grid holding the report point.
    const reportGrid = JSON.parse(cli('locate', small.project, '--lon', small.reportPoint.lon, '--lat', small.reportPoint.lat, '--json')).grid.code;
    const reportCentre = ringCentre((await getJson(`${base}/v1/grids/${reportGrid}`)).geometry);
    let number = '';

    await step('a report without the token is refused', async () => {
      await page.evaluate(() => localStorage.removeItem('respgrid.token'));
      await page.locator('[data-testid=report-token]').fill('');
      await page.locator('[data-testid=pick-point]').click();
      const at = await showPoint(page, reportCentre);
      await page.mouse.click(at.x, at.y);
      await page.locator('[data-testid=report-category]').selectOption('09006');
      await page.locator('[data-testid=report-description]').fill('浏览器测试：路口流动摊贩占道经营');
      await page.locator('[data-testid=report-submit]').click();
      await page.waitForSelector('[data-testid=report-result].error', { timeout: 10e3 });
      assert.match(await page.locator('[data-testid=report-result]').innerText(), /401/);
    });

    await step('a report through the form goes on the ledger', async () => {
      await page.locator('[data-testid=report-token]').fill(TOKEN);
      await page.locator('[data-testid=report-submit]').click();
      const numberCell = page.locator('[data-testid=report-number]');
      await numberCell.waitFor({ timeout: 15e3 });
      number = (await numberCell.innerText()).trim();
      assert.match(number, /^CS-\d{8}-\d{4}$/);
      assert.equal(await page.evaluate(() => localStorage.getItem('respgrid.token')), TOKEN);

      const [request] = await getJson(`${base}/open311/v2/requests/${number}.json`);
      assert.equal(request.service_request_id, number);
      assert.equal(request.service_code, '09006');
      const shown = JSON.parse(cli('ledger', 'show', small.project, number, '--json'));
      const caseJson = shown.case ?? shown;
      assert.equal(caseJson.grid_code, reportGrid);
      const worker = JSON.parse(cli('owners', small.project, '--grid', reportGrid, '--json'))
        .owners.find((ow) => ow.role === 'grid_worker');
      assert.ok(worker, `grid ${reportGrid} has no grid worker`);
      const ids = (caseJson.owners ?? []).map((ow) => ow.id ?? ow.owner_id);
      assert.ok(ids.includes(worker.owner_id), `case ${number} owners ${ids} lack the grid worker ${worker.owner_id}`);
      const answer = await page.locator('[data-testid=report-result]').innerText();
      assert.ok(answer.includes(caseJson.responsible.name), `the answer names ${caseJson.responsible.name}: ${answer}`);
    });

    await step('the new case is on the map and its marker opens it', async () => {
      await page.locator('[data-testid=filter-overdue]').uncheck();
      await page.waitForFunction((n) => window.respgridIssues.features.some((f) => f.properties.number === n),
        number, { timeout: 10e3 });
      const at = await showPoint(page, reportCentre);
      await page.mouse.click(at.x, at.y);
      const popup = page.locator(`[data-testid=issue-popup][data-number="${number}"]`);
      await popup.waitFor({ timeout: 10e3 });
      assert.match(await popup.innerText(), /占道经营/);
    });

    await step('nothing was asked of any host but the service', async () => {
      assert.deepEqual(elsewhere, []);
      assert.deepEqual(pageErrors, []);
    });

    // The picture for docs/images/serve_map.png: the county, the grid's panel and the new case.
    const county = (await getJson(`${base}/v1/health`)).bbox;
    await page.evaluate((bbox) => new Promise((resolve) => {
      const map = window.respgridMap;
      map.once('idle', resolve);
      if (bbox) map.fitBounds(bbox, { padding: 40, animate: false });
      map.triggerRepaint();
      document.querySelector('aside').scrollTop = 0;
    }), county);
    await page.screenshot({ path: path.join(o.work, 'serve_map.png') });
    failed = false;
    console.log(`${passed} passed, 0 failed`);
  } finally {
    if (browser) await browser.close();
    if (server) await stopServer(server);
    if (failed || o.keep) console.log(`project and server log kept in ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`not ok - ${error.stack || error}`);
  console.log(`${passed} passed, 1 failed`);
  process.exit(1);
});
