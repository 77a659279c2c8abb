/** A progress bar on stderr (cli-progress), shown only when stderr is a terminal. */
import cliProgress from 'cli-progress';

export interface Progress {
  update(fraction: number): void;
  stop(): void;
}

export function startProgress(label: string): Progress {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {duration_formatted}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0);
  return {
    update: (fraction) => bar.update(Math.round(fraction * 100)),
    stop: () => bar.stop(),
  };
}
