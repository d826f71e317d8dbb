// Inclusive time of the functions a request passes through (node --cpu-prof), as shares of the
// busy time (idle excluded): where a request's time goes, hook by hook. Usage: node bench/profile-inclusive.mjs file.cpuprofile [top]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
const p = JSON.parse(readFileSync(file, 'utf8'));
const top = Number(topArg ?? 40);
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map();
p.samples.forEach((s, i) => self.set(s, (self.get(s) ?? 0) + (p.timeDeltas[i] ?? 0)));
const inclusive = new Map();
let busy = 0;
const walk = (id, onStack) => {
  const n = byId.get(id);
  const f = n.callFrame;
  const key = `${f.functionName || '(anonymous)'}  ${f.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '')}:${f.lineNumber + 1}`;
  let total = self.get(id) ?? 0;
  if (f.functionName !== '(idle)') busy += total;
  const fresh = !onStack.has(key);
  if (fresh) onStack.add(key);
  for (const c of n.children ?? []) total += walk(c, onStack);
  if (fresh) {
    onStack.delete(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + total);
  }
  return total;
};
walk(p.nodes[0].id, new Set());
for (const [k, t] of [...inclusive].filter(([k]) => !k.startsWith('(root)') && !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, top)) {
  process.stdout.write(`${((t / busy) * 100).toFixed(1).padStart(5)}%  ${k}\n`);
}
