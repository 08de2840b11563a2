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
};
