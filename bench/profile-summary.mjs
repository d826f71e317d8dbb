// Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by source file, the
// evidence bench/results.md quotes. Usage: node bench/profile-summary.mjs file.cpuprofile [top]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const top = Number(topArg ?? 25);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const fnTime = new Map();
const fileTime = new Map();
for (const [id, t] of self) {
  const { callFrame: f } = byId.get(id);
  const where = f.url ? f.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '') : `(${f.functionName || 'native'})`;
  const key = `${f.functionName || '(anonymous)'}  ${where}:${f.lineNumber + 1}`;
  fnTime.set(key, (fnTime.get(key) ?? 0) + t);
  const group = where.includes('node_modules/') ? where.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, 'node_modules/$1') : where.startsWith('node:') ? 'node: internals' : where;
  fileTime.set(group, (fileTime.get(group) ?? 0) + t);
}
const show = (title, map) => {
  process.stdout.write(`\n${title}\n`);
  for (const [k, t] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${((t / total) * 100).toFixed(1).padStart(5)}%  ${k}\n`);
};
show('self time by file or package', fileTime);
show('self time by function', fnTime);
