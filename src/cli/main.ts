/**
 * The command-line lab: `npm run lab -- <command> [options]`, the same engine as the browser.
 * Bad arguments print one line on stderr and exit with code 2.
 */
import { UsageError } from './args';
import { theoryCommand } from './theoryCommand';
import { sweepCommand } from './sweepCommand';
import { escapeCommand } from './escapeCommand';
import { grokkingCommand } from './grokkingCommand';
import { sgdMapCommand } from './sgdMapCommand';
import { paperProtocolCommand } from './paperProtocolCommand';
import { vaeCommand } from './vaeCommand';
import { nonlinearCommand } from './nonlinearCommand';

const usage = `usage: lab <command> [options]
  theory --depth D --spectrum 1,0.6,0.3 [--json | --csv]
  sweep  --depth D --spectrum … --gamma FROM:TO:STEP --direction up|down|both
         [--width W] [--steps N] [--seed S] [--lr LR] [--input-dim N] [--sequential] [--json | --csv]
  escape --depth D --spectrum … --gamma G --temperatures T1,T2,… [--replicas R] [--steps N]
         [--trap-from G0] [--feature K] [--width W] [--lr LR] [--seed S] [--json | --csv]
  grokking [--seeds N] [--first-seed S] [--epsilon E | --epsilon-scale R] [--gamma G] [--lr LR]
         [--steps N] [--no-twin] [--json | --csv]
  sgd-map [--fractions 0,0.5,0.7,0.9,1.02] [--lr-over-b 0.00125,…] [--lr LR] [--gamma G]
         [--replicas R] [--steps N] [--seed S] [--no-langevin] [--json | --csv]
  paper-protocol [--convention both|ours|pytorch] [--replicas R] [--epochs N] [--trap-epochs N]
         [--lr LR] [--batch B] [--seed S] [--json | --csv]
  vae    [--depth L] [--sweep eta|gamma] [--lambda λ] [--gamma G | --eta E] [--from A --to B]
         [--points N] [--seed-size S] [--json | --csv]
  nonlinear [--activation tanh|relu] [--depths 1,2,3] [--points N] [--gamma-max G] [--width W]
         [--samples N] [--steps N] [--lr LR] [--seed S] [--json | --csv]`;

const commands: Record<string, (argv: string[]) => string | Promise<string>> = {
  theory: theoryCommand,
  sweep: sweepCommand,
  escape: escapeCommand,
  grokking: grokkingCommand,
  'sgd-map': sgdMapCommand,
  'paper-protocol': paperProtocolCommand,
  vae: vaeCommand,
  nonlinear: nonlinearCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage + '\n');
    return 0;
  }
  if (name === undefined) {
    process.stderr.write(`lab: missing command (${Object.keys(commands).join(', ')}); see 'npm run lab -- --help'\n`);
    return 2;
  }
  // own properties only: `lab toString` or `lab __proto__` must not reach Object.prototype
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  try {
    if (!command) throw new UsageError(`unknown command '${name}' (commands: ${Object.keys(commands).join(', ')})`);
    process.stdout.write(await command(rest));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`lab ${name}: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`lab ${name}: ${String((error as Error)?.message ?? error).split('\n')[0]}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
