// Independent OSV range evaluation with node-semver for crosscheck/semver.py (reads /tmp/xtasks.json).
const semver = require('semver');
const tasks = JSON.parse(require('fs').readFileSync('/tmp/xtasks.json'));
const valid = v => semver.valid(v) !== null;
function inRange(rg, v) {
  let evs = rg.events.map(e => { const k = Object.keys(e)[0]; return {k, val: e[k]}; });
  if (evs.some(e => !(e.k === 'introduced' && e.val === '0') && !valid(e.val))) return false;
  evs.sort((a, b) => (a.val === '0' && a.k === 'introduced') ? -1 : (b.val === '0' && b.k === 'introduced') ? 1 : semver.compare(a.val, b.val));
  let vul = false;
  for (const e of evs) {
    const zero = e.k === 'introduced' && e.val === '0';
    if (e.k === 'introduced' && (zero || semver.gte(v, e.val))) vul = true;
    else if (e.k === 'fixed' && semver.gte(v, e.val)) vul = false;
    else if (e.k === 'last_affected' && semver.gt(v, e.val)) vul = false;
    else if (e.k === 'limit' && semver.gte(v, e.val)) vul = false;
  }
  return vul;
}
const out = tasks.map(t => {
  const ids = new Set();
  for (const r of t.records) {
    if (r.versions.includes(t.version)) { ids.add(r.id); continue; }
    if (!valid(t.version)) continue;
    if (r.ranges.some(rg => rg.type !== 'GIT' && inRange(rg, t.version))) ids.add(r.id);
  }
  return [...ids];
});
console.log(JSON.stringify(out));
