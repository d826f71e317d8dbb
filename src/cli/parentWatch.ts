// `npx provider-sim … & kill $!` signals npx, which exits without passing the signal on, and
// `npm start` may do the same: the simulator would be left listening. Started by npm (npm sets
// `npm_command` for every script and `npx`), the simulator therefore follows its parent: when the
// process that started it is gone (this process is handed to another parent), it shuts down cleanly
// as on SIGTERM. Started any other way (node dist/main.js, a container), it does not watch.

const POLL_MS = 250;

/** Calls `onGone` once when the parent process exits; returns a stop function. */
export function followParent(onGone: () => void, env: NodeJS.ProcessEnv = process.env): () => void {
  const parent = process.ppid;
  if (env.npm_command === undefined || parent <= 1 || /^(0|false|no|off)$/i.test(env.SIM_FOLLOW_PARENT ?? '')) return () => {};
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone();
  }, POLL_MS);
  // The watch alone never keeps the process alive.
  timer.unref();
  return () => clearInterval(timer);
}
