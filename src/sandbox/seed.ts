// Sample data so every command has something real to work on: three complete days, one incomplete day, two PO
// zips holding every file the sandbox template needs, service-detail files, the executable and its template.
// Synthetic and deterministic (seeded), small, and written straight to the store so seeding takes milliseconds.
import { gzipSync } from 'node:zlib';
import { ZipFile } from 'yazl';
import type { Ec2State } from './ec2/state';
import { SANDBOX_BUCKETS, SANDBOX_NAMES, SANDBOX_VERSION } from './env';
import { seededRandom } from './faults';
import type { LogsStore } from './logs/store';
import type { S3Store } from './s3/store';
import { parTemplate, PO_FILES, poFilePath, type PoFile } from './template';

export const SEEDED_DAYS = ['2020-06-29', '2020-06-30', '2020-07-01'] as const;
/** Has GPS and 1.96 but no transactions, so check-inputs has a failing date to show. */
export const INCOMPLETE_DAY = '2020-07-02';
export const SEEDED_PO_DATES = ['2020-06-01', '2020-06-30'] as const;
const SEEDED_SERVICE_DETAIL = [
  'Diccionario-DetalleServicioZP_20200101_20200531.csv.gz',
  'Diccionario-DetalleServicioZP_20200601_20200731.csv.gz',
] as const;

const ROWS_PER_DAY_FILE = 200;
const PLATES = ['BJFB28', 'CJRT45', 'FLXG12', 'HYZC73', 'LKSP90', 'ZN6104'];
const SERVICES = ['B01', 'C02', 'F25', 'I09', 'J05', '506'];
const STOPS = ['PA433', 'PB120', 'PC1047', 'PD578', 'PE12', 'PI1549'];

export async function seed(s3: S3Store, logs: LogsStore, ec2: Ec2State): Promise<void> {
  for (const bucket of SANDBOX_BUCKETS) await s3.createBucket(bucket);
  const random = seededRandom(2020);
  const writes: Array<Promise<unknown>> = [];
  const put = (bucket: string, key: string, body: Buffer, type?: string): void => {
    writes.push(s3.putBuffer(bucket, key, body, type));
  };

  put(
    SANDBOX_NAMES.executables,
    `pvmtsc_v${SANDBOX_VERSION}.exe`,
    executablePlaceholder(),
    'application/vnd.microsoft.portable-executable',
  );
  put(SANDBOX_NAMES.executables, `pvmtsc_v${SANDBOX_VERSION}.par`, Buffer.from(parTemplate(), 'utf8'), 'text/plain');

  for (const day of [...SEEDED_DAYS, INCOMPLETE_DAY]) {
    put(SANDBOX_NAMES.gps, `${day}.gps.gz`, gzipSync(gpsFile(day, random)));
    put(SANDBOX_NAMES.file196, `${day}.196.gz`, gzipSync(file196(day, random)));
    if (day !== INCOMPLETE_DAY)
      put(SANDBOX_NAMES.transactions, `${day}.trx.gz`, gzipSync(transactionsFile(day, random)));
  }
  for (const poDate of SEEDED_PO_DATES) {
    put(SANDBOX_NAMES.opProgram, `${poDate}.po.zip`, await poZip(poDate, random), 'application/zip');
  }
  for (const key of SEEDED_SERVICE_DETAIL) put(SANDBOX_NAMES.serviceDetail, key, gzipSync(serviceDetailFile(random)));
  await Promise.all(writes);

  if (!logs.hasGroup(SANDBOX_NAMES.logGroup)) {
    logs.createGroup(SANDBOX_NAMES.logGroup);
    logs.createStream(SANDBOX_NAMES.logGroup, SANDBOX_NAMES.generalStream);
  }
  if (!ec2.keyPairs.has(SANDBOX_NAMES.keyPair)) ec2.registerKeyPair(SANDBOX_NAMES.keyPair);
}

/** A PO zip: one top folder `YYYY-MM-DD/`, each file inside gzipped, as the operators publish them. */
export async function poZip(
  poDate: string,
  random: () => number,
  files: readonly PoFile[] = PO_FILES,
): Promise<Buffer> {
  const zip = new ZipFile();
  const compact = poDate.replace(/-/g, '');
  const mtime = new Date(`${poDate}T12:00:00Z`);
  zip.addEmptyDirectory(`${poDate}/`, { mtime });
  for (const folder of new Set(files.map((f) => f.folder).filter((f): f is string => f !== undefined))) {
    zip.addEmptyDirectory(`${poDate}/${folder}/`, { mtime });
  }
  for (const file of files) {
    zip.addBuffer(gzipSync(poFileContent(file, random)), `${poDate}/${poFilePath(file, compact)}.gz`, {
      mtime,
      compress: false,
    });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function gpsFile(day: string, random: () => number): Buffer {
  const rows: string[] = [];
  for (let i = 0; i < ROWS_PER_DAY_FILE; i++) {
    const lat = (-33.45 + (random() - 0.5) * 0.2).toFixed(6);
    const lon = (-70.66 + (random() - 0.5) * 0.2).toFixed(6);
    rows.push([pick(PLATES, random), lat, lon, timeOfDay(day, i)].join(';'));
  }
  return Buffer.from(`${rows.join('\n')}\n`);
}

function file196(day: string, random: () => number): Buffer {
  const rows: string[] = [];
  for (let i = 0; i < ROWS_PER_DAY_FILE / 4; i++) {
    const cols = new Array<string>(17).fill('0');
    cols[0] = `U${1 + Math.floor(random() * 7)}`;
    cols[1] = pick(PLATES, random);
    cols[4] = pick(SERVICES, random);
    cols[5] = timeOfDay(day, i * 4);
    cols[6] = timeOfDay(day, i * 4 + 3);
    cols[11] = (12 + random() * 15).toFixed(1);
    cols[16] = (0.8 + random() * 0.2).toFixed(3);
    rows.push(cols.join(';'));
  }
  return Buffer.from(`${rows.join('\n')}\n`);
}

function transactionsFile(day: string, random: () => number): Buffer {
  const rows: string[] = [];
  for (let i = 0; i < ROWS_PER_DAY_FILE; i++) {
    const cols = new Array<string>(14).fill('');
    cols[0] = String(1 + Math.floor(random() * 7));
    cols[1] = timeOfDay(day, i);
    cols[2] = String(1_000_000_000 + Math.floor(random() * 9_000_000));
    cols[8] = random() < 0.2 ? pick(STOPS, random) : pick(PLATES, random);
    cols[9] = pick(SERVICES, random);
    cols[11] = random() < 0.5 ? 'I' : 'R';
    cols[12] = random() < 0.9 ? '1' : '2';
    cols[13] = String(Math.floor(random() * 4));
    rows.push(cols.join(';'));
  }
  return Buffer.from(`${rows.join('\n')}\n`);
}

function serviceDetailFile(random: () => number): Buffer {
  const rows = ['ZONA;VALIDADORES;PARADA;PARADA2;X;Y;COMUNA;NOMBRE;MIXTO;UNIDADES;SERVICIOS'];
  for (let i = 0; i < 10; i++) {
    rows.push(
      [
        `ZP${i + 1}`,
        String(2 + Math.floor(random() * 6)),
        pick(STOPS, random),
        pick(STOPS, random),
        utmX(random),
        utmY(random),
        'SANTIAGO',
        `Zona paga ${i + 1}`,
        '0',
        'U1|U3',
        `${pick(SERVICES, random)}|${pick(SERVICES, random)}`,
      ].join(';'),
    );
  }
  return Buffer.from(`${rows.join('\n')}\n`);
}

function poFileContent(file: PoFile, random: () => number): Buffer {
  const width = Math.max(4, ...file.columns.flatMap(([c]) => c.split('\t').map(Number)));
  const rows: string[] = [];
  for (let i = 0; i < 20; i++) {
    const cols: string[] = [];
    for (let c = 1; c <= width; c++) {
      cols.push(
        c === 1
          ? String(i + 1)
          : c % 3 === 0
            ? utmX(random)
            : c % 3 === 1
              ? utmY(random)
              : pick([...STOPS, ...SERVICES], random),
      );
    }
    rows.push(cols.join(';'));
  }
  return Buffer.from(`${rows.join('\n')}\n`);
}

function executablePlaceholder(): Buffer {
  const text = 'ADATRAP sandbox placeholder: not a real pvmtsc executable. The sandbox runs pvmtsc-sim instead.\n';
  return Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from(text)]);
}

function timeOfDay(day: string, i: number): string {
  const seconds = 5 * 3600 + i * 97;
  const hh = String(Math.floor(seconds / 3600) % 24).padStart(2, '0');
  const mm = String(Math.floor(seconds / 60) % 60).padStart(2, '0');
  const ss = String(seconds % 60).padStart(2, '0');
  return `${day} ${hh}:${mm}:${ss}`;
}

function utmX(random: () => number): string {
  return (346_000 + random() * 8_000).toFixed(1);
}

function utmY(random: () => number): string {
  return (6_290_000 + random() * 8_000).toFixed(1);
}

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)] as T;
}
