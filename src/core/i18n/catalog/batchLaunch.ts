// Planning and confirming a batch launch (src/aws/batchStart.ts planBatch, src/core/batchConfirmation.ts): why a
// date is left out of a batch, and how the skipped days read in a confirmation (CLI and extension alike).
export const en = {
  'batchLaunch.skip.notReady': 'not ready: {problems}',
  'batchLaunch.skip.liveRun':
    'already has a live machine {instanceId} ({state}); a second machine for the same day would overwrite its results (stop it first).',
  'batchLaunch.skip.inBatch':
    'already {state} in the running batch {name}; a second machine would overwrite its results.',
  'batchLaunch.confirm.skipped': 'Not in the batch ({count} date(s)):',
  'batchLaunch.confirm.skippedDay': '  {date}: {reason}',
  'batchLaunch.confirm.skippedMore': '  … and {count} more',
  'batchLaunch.nothingLeft': 'Nothing to launch: all {count} date(s) were left out. {first}',
  'batchLaunch.confirm.inputs': 'Inputs the pre-flight chose:',
  'batchLaunch.confirm.inputsDay': '  {date}: service dictionary {po}, service detail {detail}',
  'batchLaunch.confirm.inputsDays': '  {from} … {to} ({count} days): service dictionary {po}, service detail {detail}',
  'batchLaunch.stackOutdated':
    'The stack {stack} was deployed by another version of ADATRAP Miner or for another .env: its workflow would fail this batch. Update it with `adatrap-miner setup` (in VS Code: ADATRAP: Set Up AWS Account), then launch again.',
  'batchLaunch.stackBusy': 'The stack {stack} is {status}: launch again when CloudFormation has finished.',
};

export const es: Record<keyof typeof en, string> = {
  'batchLaunch.skip.notReady': 'no está listo: {problems}',
  'batchLaunch.skip.liveRun':
    'ya tiene una máquina viva {instanceId} ({state}); una segunda máquina para el mismo día sobrescribiría sus resultados (deténgala primero).',
  'batchLaunch.skip.inBatch':
    'ya está {state} en el lote en curso {name}; una segunda máquina sobrescribiría sus resultados.',
  'batchLaunch.confirm.skipped': 'Fuera del lote ({count} fecha(s)):',
  'batchLaunch.confirm.skippedDay': '  {date}: {reason}',
  'batchLaunch.confirm.skippedMore': '  … y {count} más',
  'batchLaunch.nothingLeft': 'Nada que lanzar: las {count} fecha(s) quedaron fuera. {first}',
  'batchLaunch.confirm.inputs': 'Entradas que eligió la revisión previa:',
  'batchLaunch.confirm.inputsDay': '  {date}: diccionario de servicios {po}, detalle de servicios {detail}',
  'batchLaunch.confirm.inputsDays':
    '  {from} … {to} ({count} días): diccionario de servicios {po}, detalle de servicios {detail}',
  'batchLaunch.stackOutdated':
    'El stack {stack} lo desplegó otra versión de ADATRAP Miner o para otro .env: su flujo haría fallar este lote. Actualícelo con `adatrap-miner setup` (en VS Code: ADATRAP: Configurar la cuenta de AWS) y lance otra vez.',
  'batchLaunch.stackBusy': 'El stack {stack} está en {status}: lance otra vez cuando CloudFormation termine.',
};
