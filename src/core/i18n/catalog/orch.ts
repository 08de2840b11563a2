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
  'orch.cmd.setup':
    'Deploy or update the AWS resources runs need (CloudFormation stack STACK_NAME) and print the .env lines they fill in',
  'orch.cmd.setupPrint': 'write the CloudFormation template to stdout and change nothing',
  'orch.cmd.setupFormat': 'template format for --print: yaml or json',
  'orch.cmd.setupDelete': 'delete the stack (data buckets and logs are kept)',
  'orch.cmd.badFormat': '--format must be yaml or json; got {format}.',
  'orch.cmd.printOrDelete': 'Use --print or --delete, not both.',
  'orch.setup.creating': 'Creating the stack {stack}…',
  'orch.setup.updating': 'Updating the stack {stack}…',
  'orch.setup.deleting': 'Deleting the stack {stack} (data buckets and logs are kept)…',
  'orch.setup.created': 'Stack {stack} created.',
  'orch.setup.updated': 'Stack {stack} updated.',
  'orch.setup.unchanged': 'Stack {stack} is already up to date.',
  'orch.setup.deleted': 'Stack {stack} deleted.',
  'orch.setup.nothingToDelete': 'There is no stack {stack}: nothing to delete.',
  'orch.setup.envLines': 'Set these lines in .env:',
  'orch.setup.failed': 'The stack {stack} ended as {status}. {reason}',
  'orch.setup.rolledBack':
    'The stack {stack} failed to create earlier and can only be deleted: run adatrap-miner setup --delete, then setup again.',
  'orch.setup.stillRunning':
    'The stack {stack} is still {status}; it goes on in AWS. Run adatrap-miner setup again later to see the result.',
  'orch.setup.denied':
    'AWS refused to change the stack {stack}: {reason}. The operator needs cloudformation:* on it and the IAM actions listed in the README (setup).',
  'orch.setup.invalid': 'CloudFormation refused the stack {stack}: {reason}',
  'orch.agent.interrupted': 'Spot interruption notice: EC2 reclaims this machine at {time}; the batch retries the day.',
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
  'orch.cmd.setup':
    'Despliega o actualiza los recursos de AWS que necesitan las ejecuciones (stack de CloudFormation STACK_NAME) y muestra las líneas de .env que completan',
  'orch.cmd.setupPrint': 'escribe la plantilla de CloudFormation en la salida estándar sin cambiar nada',
  'orch.cmd.setupFormat': 'formato de la plantilla para --print: yaml o json',
  'orch.cmd.setupDelete': 'elimina el stack (se conservan los buckets de datos y los logs)',
  'orch.cmd.badFormat': '--format debe ser yaml o json; se recibió {format}.',
  'orch.cmd.printOrDelete': 'Use --print o --delete, no ambos.',
  'orch.setup.creating': 'Creando el stack {stack}…',
  'orch.setup.updating': 'Actualizando el stack {stack}…',
  'orch.setup.deleting': 'Eliminando el stack {stack} (se conservan los buckets de datos y los logs)…',
  'orch.setup.created': 'Stack {stack} creado.',
  'orch.setup.updated': 'Stack {stack} actualizado.',
  'orch.setup.unchanged': 'El stack {stack} ya está al día.',
  'orch.setup.deleted': 'Stack {stack} eliminado.',
  'orch.setup.nothingToDelete': 'No existe el stack {stack}: no hay nada que eliminar.',
  'orch.setup.envLines': 'Ponga estas líneas en .env:',
  'orch.setup.failed': 'El stack {stack} terminó como {status}. {reason}',
  'orch.setup.rolledBack':
    'La creación del stack {stack} falló antes y solo puede eliminarse: ejecute adatrap-miner setup --delete y luego setup otra vez.',
  'orch.setup.stillRunning':
    'El stack {stack} sigue en {status}; continúa en AWS. Ejecute adatrap-miner setup más tarde para ver el resultado.',
  'orch.setup.denied':
    'AWS rechazó cambiar el stack {stack}: {reason}. El operador necesita cloudformation:* sobre él y las acciones de IAM del README (setup).',
  'orch.setup.invalid': 'CloudFormation rechazó el stack {stack}: {reason}',
  'orch.agent.interrupted':
    'Aviso de interrupción Spot: EC2 recupera esta máquina a las {time}; el lote reintenta el día.',
};
