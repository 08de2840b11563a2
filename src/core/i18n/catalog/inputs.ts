// Messages about a date's inputs: the pre-flight check (src/core/preflight.ts). Each names the missing thing
// and the bucket to look in.
export const en = {
  'inputs.kind.gps': 'GPS',
  'inputs.kind.file196': '1.96 report',
  'inputs.kind.transactions': 'transactions',
  'inputs.missingDaily': '{key} is missing from bucket {bucket} ({what} of that day).',
  'inputs.noPo':
    'No service dictionary applies to {date}: bucket {bucket} has no YYYY-MM-DD.po.zip dated on or before it.',
  'inputs.noServiceDetail':
    'No service detail covers {date}: bucket {bucket} has no Diccionario-DetalleServicioZP_YYYYMMDD_YYYYMMDD.csv.gz whose range holds it.',
  'inputs.missingExecutable': '{key} is missing from bucket {bucket} (the ADATRAP executable of EXECUTABLE_VERSION).',
  'inputs.missingPar': '{key} is missing from bucket {bucket} (the .par template of EXECUTABLE_VERSION).',
  'inputs.poUnreadable': '{key} in bucket {bucket} cannot be read as a zip: {reason}.',
  'inputs.poNoTopFolder':
    '{key} in bucket {bucket} must hold exactly one top folder, {folder}/, with every file inside it (found: {found}).',
  'inputs.poBadEntryNames':
    '{key} in bucket {bucket} names its entries with backslashes ({entry}), which zip readers refuse: re-create it with a standard zip tool.',
  'inputs.poMissingFiles': '{key} in bucket {bucket} lacks {count} file(s) the .par template needs: {files}.',
  'inputs.andMore': '{files} and {count} more',
} as const;

export const es: { [K in keyof typeof en]: string } = {
  'inputs.kind.gps': 'GPS',
  'inputs.kind.file196': 'informe 1.96',
  'inputs.kind.transactions': 'transacciones',
  'inputs.missingDaily': 'Falta {key} en el bucket {bucket} ({what} de ese día).',
  'inputs.noPo':
    'Ningún diccionario de servicios rige el {date}: el bucket {bucket} no tiene un AAAA-MM-DD.po.zip con fecha igual o anterior.',
  'inputs.noServiceDetail':
    'Ningún detalle de servicios cubre el {date}: el bucket {bucket} no tiene un Diccionario-DetalleServicioZP_AAAAMMDD_AAAAMMDD.csv.gz cuyo rango lo incluya.',
  'inputs.missingExecutable': 'Falta {key} en el bucket {bucket} (el ejecutable ADATRAP de EXECUTABLE_VERSION).',
  'inputs.missingPar': 'Falta {key} en el bucket {bucket} (la plantilla .par de EXECUTABLE_VERSION).',
  'inputs.poUnreadable': '{key} en el bucket {bucket} no se puede leer como zip: {reason}.',
  'inputs.poNoTopFolder':
    '{key} en el bucket {bucket} debe contener una sola carpeta superior, {folder}/, con todos los archivos dentro (se encontró: {found}).',
  'inputs.poBadEntryNames':
    '{key} en el bucket {bucket} nombra sus entradas con barras invertidas ({entry}), que los lectores de zip rechazan: vuelva a crearlo con una herramienta zip estándar.',
  'inputs.poMissingFiles':
    'A {key} en el bucket {bucket} le faltan {count} archivo(s) que la plantilla .par necesita: {files}.',
  'inputs.andMore': '{files} y {count} más',
};
