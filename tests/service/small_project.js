// The project the browser test serves: a 3 km x 2 km county of three townships and six villages in
// CGCS2000 lon/lat, its roster, two categories, 100 m square grids with their owners and a few
// cases on the ledger (some overdue), all made with the respgrid CLI as an office would. About
// 600 grids: a real project, built in seconds.
'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const WEST = 114.80;
const SOUTH = 33.70;
const STEP = 0.01;  // one village: 0.01 degrees square (about 930 m x 1,110 m)

// Townships are columns of the county, villages its cells: [code, name, column, row].
const TOWNSHIPS = [['411626001', '城关街道', 0], ['411626101', '白楼镇', 1], ['411626102', '齐老乡', 2]];
const VILLAGES = [
  ['411626001001', '东关社区', 0, 0], ['411626001002', '西关社区', 0, 1],
  ['411626101201', '王庄村', 1, 0], ['411626101202', '李楼村', 1, 1],
  ['411626102201', '齐老村', 2, 0], ['411626102202', '范庄村', 2, 1],
];

const rect = (x0, y0, x1, y1) => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
const collection = (features) => JSON.stringify({ type: 'FeatureCollection', features });
const feature = (code, name, geometry) => ({ type: 'Feature', properties: { code, name }, geometry });

// A point near the centre of a village. The test clicks the centre of the grid holding it, not
// the point itself: that one may lie on a grid line.
function villagePoint(column, row) {
  return { lon: WEST + STEP * (column + 0.5), lat: SOUTH + STEP * (row + 0.5) };
}

// "2026-12-06 09:30" in China time (the project's zone), `hours` before now.
function chinaTime(hoursAgo) {
  const t = new Date(Date.now() - hoursAgo * 3600e3 + 8 * 3600e3);
  return t.toISOString().slice(0, 16).replace('T', ' ');
}

function roster() {
  const rows = ['owner_id,kind,name,unit_code,contact,title,phone,packages,active',
    'D01,department,县城市管理局,,谭新明,局长,15576298376,,1',
    'L01,leader,叶鹏林,,,县委书记,18291506493,411626001,1',
    'L02,leader,王庆玉,,,县长,13100576415,411626101;411626102,1'];
  TOWNSHIPS.forEach(([code, name], i) => rows.push(`T${code},township,${name},${code},乡镇负责人${i + 1},主任,1390000000${i},,1`));
  VILLAGES.forEach(([code, name], i) => {
    rows.push(`V${code},village,${name},${code},村支书${i + 1},党支部书记,1380000000${i},,1`);
    rows.push(`G${code}01,grid_worker,网格员${'甲乙丙丁戊己'[i]},${code},,专职网格员,1370000000${i},,1`);
  });
  return rows.join('\n') + '\n';
}

// Calendar hours: a case three days old is overdue whatever the weekday.
const CATEGORIES = 'code,name,group,standard,department,deadline_hours,deadline_rule,aliases\n'
  + '06001,私搭乱建,市容环境类,GB/T 47678.5-2026,D01,72,calendar,违章搭建\n'
  + '09006,占道经营,街面秩序类,GB/T 47678.5-2026,,24,calendar,流动摊贩\n';

// Six reports: three of today, three from three days ago (past their 24 h limit: overdue).
function reports() {
  const rows = ['id,source,reported_at,dispatched_at,lon,lat,crs,location,category,description'];
  VILLAGES.forEach(([, name, column, row], i) => {
    const { lon, lat } = villagePoint(column, row);
    const hours = i % 2 === 0 ? 2 : 72;
    rows.push(`T-${i + 1},巡查,${chinaTime(hours + 0.5)},${chinaTime(hours)},${(lon + 0.002).toFixed(6)},`
      + `${(lat - 0.002).toFixed(6)},cgcs2000,${name}路口,09006,${name}路口流动摊贩占道`);
  });
  return rows.join('\n') + '\n';
}

// Builds the project in `dir` with the CLI `respgrid`; returns its path and the points to click.
function makeSmallProject(respgrid, dir) {
  const file = (name) => path.join(dir, name);
  const project = file('small.rgproj');
  const run = (...args) => execFileSync(respgrid, ['-q', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  fs.writeFileSync(file('county.geojson'), collection([feature('411626', '测试县', rect(WEST, SOUTH, WEST + 3 * STEP, SOUTH + 2 * STEP))]));
  fs.writeFileSync(file('townships.geojson'), collection(TOWNSHIPS.map(([code, name, c]) =>
    feature(code, name, rect(WEST + c * STEP, SOUTH, WEST + (c + 1) * STEP, SOUTH + 2 * STEP)))));
  fs.writeFileSync(file('villages.geojson'), collection(VILLAGES.map(([code, name, c, r]) =>
    feature(code, name, rect(WEST + c * STEP, SOUTH + r * STEP, WEST + (c + 1) * STEP, SOUTH + (r + 1) * STEP)))));
  fs.writeFileSync(file('roster.csv'), roster());
  fs.writeFileSync(file('categories.csv'), CATEGORIES);
  fs.writeFileSync(file('reports.csv'), reports());

  run('init', project, '--county-code', '411626', '--name', '测试县');
  for (const level of ['county', 'township', 'village']) {
    const source = level === 'county' ? 'county' : `${level}s`;
    run('import', 'boundaries', project, file(`${source}.geojson`), '--level', level, '--crs', 'cgcs2000');
  }
  run('import', 'roster', project, file('roster.csv'));
  run('import', 'categories', project, file('categories.csv'));
  run('grid', project, '--method', 'square', '--size', '100');
  run('assign', project);
  run('ledger', 'settings', project, '--prefix', 'CS');
  run('ledger', 'import', project, file('reports.csv'));
  return {
    project,
    county: '测试县',
    gridPoint: villagePoint(1, 0),    // in 王庄村, 白楼镇: the grid the test opens
    reportPoint: villagePoint(2, 1),  // in 范庄村, 齐老乡: where the test reports an issue
  };
}

module.exports = { makeSmallProject };
