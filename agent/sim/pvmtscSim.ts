// pvmtsc-sim: a SIMULATOR of the closed ADATRAP executable (pvmtsc_vX.exe), for the sandbox and the tests.
// It behaves like the real one where the agent can tell: it reads the rendered .par given as its argument,
// refuses to run when an input the .par names is missing, prints progress lines over a few seconds and writes
// small ADATRAP/D/D.<ext> tables plus the kmls/reportes/debug folders. It computes nothing.
//
//   node dist/pvmtsc-sim.js D.par
//   PVMTSC_SIM_MODE=ok|fail|hang|stderr   (default ok)   PVMTSC_SIM_SECONDS=<n>   (default 3)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { outputPaths, requiredInputs } from '../../src/core/par';

export type SimMode = 'ok' | 'fail' | 'hang' | 'stderr';
export const SIM_MODES: readonly SimMode[] = ['ok', 'fail', 'hang', 'stderr'];

const EXTRA_FOLDERS = ['kmls', 'reportes', 'debug'];

function emit(line: string): void {
  process.stdout.write(`${line}\n`);
}

function complain(line: string): void {
  process.stderr.write(`${line}\n`);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function modeFrom(env: NodeJS.ProcessEnv): SimMode {
  const m = (env.PVMTSC_SIM_MODE ?? 'ok').trim().toLowerCase();
  return (SIM_MODES as readonly string[]).includes(m) ? (m as SimMode) : 'ok';
}

/** A few rows in the shape of an ADATRAP table: `;`-separated, a header, the day in every row. */
function plausibleTable(name: string, date: string): string {
  const rows = [`tabla;fecha;id;valor`];
  for (let i = 1; i <= 20; i++) rows.push(`${name};${date};${i};${(i * 7.31).toFixed(2)}`);
  return rows.join('\r\n') + '\r\n';
}

export async function runSimulator(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const parPath = argv[0];
  if (!parPath || !existsSync(parPath)) {
    complain(`pvmtsc-sim: no se encuentra el archivo de parametros ${parPath ?? '(ninguno)'}`);
    return 2;
  }
  const rendered = readFileSync(parPath, 'latin1');
  const mode = modeFrom(env);
  const seconds = Math.max(0, Number(env.PVMTSC_SIM_SECONDS ?? '3') || 0);
  const date = /^(\d{4}-\d{2}-\d{2})\s/m.exec(rendered)?.[1] ?? 'sin-fecha';
  emit(`pvmtsc (SIMULADOR) - parametros ${parPath}, dia ${date}`);

  const missing = requiredInputs(rendered).filter((p) => !existsSync(resolve(p)));
  if (missing.length > 0) {
    for (const m of missing) complain(`ERROR: no se encuentra el archivo de entrada ${m}`);
    return 3;
  }
  const steps = [
    'Leyendo GPS',
    'Leyendo informe 1.96',
    'Leyendo transacciones',
    'Asignando paraderos de subida',
    'Estimando bajadas',
    'Construyendo viajes',
    'Escribiendo tablas',
  ];
  const pause = (seconds * 1000) / steps.length;
  for (const [i, step] of steps.entries()) {
    emit(`[${i + 1}/${steps.length}] ${step}...`);
    await sleep(pause);
    if (mode === 'fail' && i === 3) {
      emit('Excepcion no controlada: acceso a memoria invalido');
      return 5;
    }
    if (mode === 'hang' && i === 2) {
      emit('Esperando...');
      // Never returns: the agent's time limit is what ends this.
      await new Promise<never>(() => setInterval(() => undefined, 60_000));
    }
  }

  const { files, folders } = outputPaths(rendered);
  for (const file of files) {
    mkdirSync(dirname(resolve(file)), { recursive: true });
    const ext = file.split('.').pop() ?? 'txt';
    writeFileSync(resolve(file), plausibleTable(ext, date));
  }
  for (const folder of folders) {
    for (const extra of EXTRA_FOLDERS) {
      mkdirSync(join(resolve(folder), extra), { recursive: true });
      writeFileSync(join(resolve(folder), extra, `${extra}-${date}.txt`), `${extra} ${date}\r\n`);
    }
  }
  if (mode === 'stderr') complain('ADVERTENCIA: 1523 validaciones sin GPS cercano');
  emit(`Proceso terminado: ${files.length} tablas escritas.`);
  return 0;
}

if (require.main === module) {
  void runSimulator(process.argv.slice(2), process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      complain(`pvmtsc-sim: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    },
  );
}
