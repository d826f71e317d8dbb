// scripts/test-docker.sh picks its tool the way the README says: `docker` when `docker info` works,
// the repository's own fallback otherwise. Stand-ins record what they were asked and fail the build,
// so no image is built here (npm run test:docker does that).
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function tools(dockerInfoWorks: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'provider-sim-engine-'));
  const log = join(dir, 'calls.log');
  writeFileSync(
    join(dir, 'docker'),
    `#!/bin/sh\necho "docker $*" >> ${log}\ncase "$1" in info) exit ${dockerInfoWorks ? 0 : 1} ;; --version) echo "Docker version stand-in" ;; *) exit 1 ;; esac\n`,
  );
  chmodSync(join(dir, 'docker'), 0o755);
  writeFileSync(join(dir, 'fallback.sh'), `echo "fallback $*" >> ${log}\nexit 1\n`);
  return { dir, log, fallback: join(dir, 'fallback.sh') };
}

const testDocker = (t: ReturnType<typeof tools>) =>
  new Promise<{ code: number; output: string }>((resolve) => {
    execFile('bash', ['scripts/test-docker.sh'], { env: { ...process.env, PATH: `${t.dir}:${process.env.PATH}`, CONTAINER_FALLBACK: t.fallback, CONTAINER_ENGINE: '' } }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code) : 0, output: stdout + stderr }),
    );
  });

describe('npm run test:docker: which tool builds the image', () => {
  it('a docker CLI whose `docker info` works builds with `docker build`', async () => {
    const t = tools(true);
    const result = await testDocker(t);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('engine: Docker version stand-in');
    expect(readFileSync(t.log, 'utf8').split('\n')).toEqual(expect.arrayContaining(['docker info', 'docker build -t provider-sim:test .']));
    expect(readFileSync(t.log, 'utf8')).not.toContain('fallback');
  });

  it('a docker CLI without an engine (`docker info` fails) falls back to scripts/container-fallback.sh', async () => {
    const t = tools(false);
    const result = await testDocker(t);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/engine: no working docker CLI/);
    const calls = readFileSync(t.log, 'utf8');
    expect(calls).toContain('fallback build . provider-sim:test');
    expect(calls).not.toContain('docker build');
  });
});
