/**
 * How many batch jobs are running on this page, for whoever must give way to them (the live lab
 * pauses while a job computes: they share the same cores). Main thread, no DOM.
 */
type Listener = (running: number) => void;

let running = 0;
const listeners = new Set<Listener>();

/** mark a job as started; call the returned function once when it ends (however it ends) */
export function jobStarted(): () => void {
  running++;
  listeners.forEach((l) => l(running));
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    running--;
    listeners.forEach((l) => l(running));
  };
}

export function runningJobs(): number {
  return running;
}

export function onJobActivity(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
