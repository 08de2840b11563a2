// Messages of the orchestration: setup (the CloudFormation stack), batches (Step Functions executions), Spot, costs.
export const en = {
  'orch.input.noDates': 'A batch needs at least one date.',
  'orch.input.maxParallel':
    '--max-parallel must be a whole number from 1 to {max} (a Step Functions inline Map runs at most {max} days at once); got {value}.',
  'orch.input.noInstanceType': 'INSTANCE_TYPE names no instance type.',
  'orch.input.userDataTooLong':
    'The machine start-up script would be {size} characters with its task token; the workflow can encode at most {limit}.',
  'orch.input.tooLarge':
    'A batch of {days} days makes a {size}-byte execution input; Step Functions accepts {limit}. Launch fewer days at once.',
} as const;

export const es: { [K in keyof typeof en]: string } = {
  'orch.input.noDates': 'Un lote necesita al menos una fecha.',
  'orch.input.maxParallel':
    '--max-parallel debe ser un número entero de 1 a {max} (un Map en línea de Step Functions ejecuta a lo sumo {max} días a la vez); se recibió {value}.',
  'orch.input.noInstanceType': 'INSTANCE_TYPE no nombra ningún tipo de instancia.',
  'orch.input.userDataTooLong':
    'El script de inicio de la máquina tendría {size} caracteres con su token de tarea; el flujo puede codificar a lo sumo {limit}.',
  'orch.input.tooLarge':
    'Un lote de {days} días genera una entrada de ejecución de {size} bytes; Step Functions acepta {limit}. Lance menos días a la vez.',
};
