// Messages of batches: Step Functions executions started, listed, shown and stopped (src/aws/batches.ts, CLI).
export const en = {
  'batches.noStateMachine':
    'No batch workflow: set STATE_MACHINE_ARN in .env, or run adatrap-miner setup to deploy the stack {stack} (its StateMachineArn output is used).',
  'batches.stackUnreadable': 'Could not read the stack {stack} to find the batch workflow: {detail}',
  'batches.machineGone':
    'The state machine {arn} does not exist: run adatrap-miner setup, then check STATE_MACHINE_ARN in .env.',
  'batches.notFound': 'There is no batch {arn} (check the execution ARN: adatrap-miner list-batches lists them).',
  'batches.nameTaken': 'A batch named {name} already exists; start it again in a moment.',
  'batches.tooManyRunning':
    'Step Functions refuses more running executions in this account (ExecutionLimitExceeded): wait for some batches to end.',
};

export const es: Record<keyof typeof en, string> = {
  'batches.noStateMachine':
    'No hay flujo de lotes: defina STATE_MACHINE_ARN en .env, o ejecute adatrap-miner setup para desplegar el stack {stack} (se usa su salida StateMachineArn).',
  'batches.stackUnreadable': 'No se pudo leer el stack {stack} para encontrar el flujo de lotes: {detail}',
  'batches.machineGone':
    'La máquina de estados {arn} no existe: ejecute adatrap-miner setup y revise STATE_MACHINE_ARN en .env.',
  'batches.notFound': 'No existe el lote {arn} (revise el ARN de la ejecución: adatrap-miner list-batches los lista).',
  'batches.nameTaken': 'Ya existe un lote llamado {name}; vuelva a iniciarlo en un momento.',
  'batches.tooManyRunning':
    'Step Functions no acepta más ejecuciones en curso en esta cuenta (ExecutionLimitExceeded): espere a que terminen algunos lotes.',
};
