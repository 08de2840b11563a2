// Messages about the deployed CloudFormation stack (Test Connection), each naming the command that fixes it.
export const en = {
  'stack.title': 'CloudFormation stack {stack}',
  'stack.missing':
    'There is no stack {stack} in {region}: batches cannot start. Run "adatrap-miner setup" (or ADATRAP: Set Up AWS Account).',
  'stack.createFailed':
    'The stack {stack} is {status}: its creation failed and it can only be deleted. Run "adatrap-miner setup --delete", then "adatrap-miner setup".',
  'stack.rollbackFailed':
    'The stack {stack} is UPDATE_ROLLBACK_FAILED: finish its rollback with "aws cloudformation continue-update-rollback --stack-name {stack}" (its events name the resource that failed), then run "adatrap-miner setup".',
  'stack.deleteFailed':
    'The stack {stack} is DELETE_FAILED: its events name the resource that blocked the deletion; then run "adatrap-miner setup --delete" again.',
  'stack.updateRolledBack':
    'The last update of the stack {stack} failed and was rolled back (UPDATE_ROLLBACK_COMPLETE): it still runs its previous template. Run "adatrap-miner setup" to update it again (its events say what failed).',
  'stack.busy': 'The stack {stack} is {status}: test again when CloudFormation has finished.',
  'stack.outdated':
    'The stack {stack} is outdated: it runs template {deployed}, this version deploys {expected} for this .env. Run "adatrap-miner setup" (or ADATRAP: Set Up AWS Account) to update it.',
  'stack.upToDate': 'Up to date ({status}, template {version}).',
  'stack.unverified':
    'Deployed ({status}); compared with the template of this version once every required key of .env is set.',
  'stack.noVersion': 'none',
  'stack.fail': 'Could not read the stack {stack}: {reason}',
} as const;

export const es: { [K in keyof typeof en]: string } = {
  'stack.title': 'Stack de CloudFormation {stack}',
  'stack.missing':
    'No existe el stack {stack} en {region}: los lotes no pueden iniciarse. Ejecute "adatrap-miner setup" (o ADATRAP: Configurar la cuenta de AWS).',
  'stack.createFailed':
    'El stack {stack} está en {status}: su creación falló y solo puede eliminarse. Ejecute "adatrap-miner setup --delete" y luego "adatrap-miner setup".',
  'stack.rollbackFailed':
    'El stack {stack} está en UPDATE_ROLLBACK_FAILED: termine su reversión con "aws cloudformation continue-update-rollback --stack-name {stack}" (sus eventos nombran el recurso que falló) y luego ejecute "adatrap-miner setup".',
  'stack.deleteFailed':
    'El stack {stack} está en DELETE_FAILED: sus eventos nombran el recurso que bloqueó la eliminación; luego ejecute "adatrap-miner setup --delete" otra vez.',
  'stack.updateRolledBack':
    'La última actualización del stack {stack} falló y se revirtió (UPDATE_ROLLBACK_COMPLETE): sigue con su plantilla anterior. Ejecute "adatrap-miner setup" para actualizarlo otra vez (sus eventos dicen qué falló).',
  'stack.busy': 'El stack {stack} está en {status}: pruebe otra vez cuando CloudFormation termine.',
  'stack.outdated':
    'El stack {stack} está desactualizado: usa la plantilla {deployed} y esta versión despliega {expected} para este .env. Ejecute "adatrap-miner setup" (o ADATRAP: Configurar la cuenta de AWS) para actualizarlo.',
  'stack.upToDate': 'Al día ({status}, plantilla {version}).',
  'stack.unverified':
    'Desplegado ({status}); se compara con la plantilla de esta versión cuando .env tenga todas las claves obligatorias.',
  'stack.noVersion': 'ninguna',
  'stack.fail': 'No se pudo leer el stack {stack}: {reason}',
};
