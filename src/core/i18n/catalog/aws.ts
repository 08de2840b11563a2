// Messages of the AWS adapters (src/aws).
export const en = {
  'aws.credentialsFailed':
    'AWS credentials could not be loaded ({reason}). Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in .env, or AWS_PROFILE (run "aws sso login --profile {profile}" for an SSO profile).',
  'aws.badCredentials':
    'AWS rejected the credentials ({reason}). Check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) and REGION_NAME.',
  'aws.unreachable':
    'AWS could not be reached ({reason}). Check the network, REGION_NAME and any AWS_ENDPOINT_URL setting.',
  'aws.noSuchBucket': 'Bucket {bucket} does not exist (set in {envKey}).',
  'aws.bucketDenied':
    'Access to bucket {bucket} was denied (set in {envKey}): the credentials need s3:ListBucket and s3:GetObject on it.',
  'aws.denied': 'AWS denied {action} ({reason}): the credentials lack that permission.',
  'aws.noLogGroup': 'Log group {group} does not exist (LOG_GROUP): create it or fix LOG_GROUP.',
  'aws.log.creatingInstance': 'Creating instance for {date}.',
  'aws.log.instanceCreated': 'Instance created successfully.',
  'aws.log.instanceCreatedGeneral': 'Instance {instanceId} created for {date}.',
  'aws.log.launchFailed': 'Could not create the instance for {date}: {reason}',
  'aws.log.terminating': 'Terminating instance {instanceId}.',
  'aws.log.terminated': 'Instance {instanceId} terminated (state: {state}).',
  'aws.launch.notReady': '{date} is not ready to run: {problems} (use --force to launch anyway).',
  'aws.launch.liveRun':
    '{date} already has a live run: {instanceId} ({state}). Stop it first (stop-ec2-instance {instanceId}).',
  'aws.zip.tooSmall': 'too small to be a zip',
  'aws.zip.noEnd': 'no end-of-central-directory record (not a zip, or cut short)',
  'aws.zip.badZip64': 'damaged zip64 end-of-central-directory record',
  'aws.zip.outside': 'the central directory lies outside the file (cut short?)',
  'aws.zip.count': 'the central directory lists {found} entries instead of {expected}',
  'aws.zip.tooLarge': 'a zip64 size is too large',
  'aws.zip.missing': 's3://{bucket}/{key} does not exist',
} as const;

export const es: { [K in keyof typeof en]: string } = {
  'aws.credentialsFailed':
    'No se pudieron obtener las credenciales de AWS ({reason}). Defina AWS_ACCESS_KEY_ID y AWS_SECRET_ACCESS_KEY en .env, o AWS_PROFILE (ejecute "aws sso login --profile {profile}" si es un perfil SSO).',
  'aws.badCredentials':
    'AWS rechazó las credenciales ({reason}). Revise AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (o AWS_PROFILE) y REGION_NAME.',
  'aws.unreachable': 'No se pudo contactar AWS ({reason}). Revise la red, REGION_NAME y cualquier AWS_ENDPOINT_URL.',
  'aws.noSuchBucket': 'El bucket {bucket} no existe (definido en {envKey}).',
  'aws.bucketDenied':
    'Se negó el acceso al bucket {bucket} (definido en {envKey}): las credenciales necesitan s3:ListBucket y s3:GetObject sobre él.',
  'aws.denied': 'AWS negó {action} ({reason}): las credenciales no tienen ese permiso.',
  'aws.noLogGroup': 'El grupo de logs {group} no existe (LOG_GROUP): créelo o corrija LOG_GROUP.',
  'aws.log.creatingInstance': 'Creando instancia para el día {date}.',
  'aws.log.instanceCreated': 'Instancia creada correctamente.',
  'aws.log.instanceCreatedGeneral': 'Instancia {instanceId} creada para el día {date}.',
  'aws.log.launchFailed': 'No se pudo crear la instancia para el día {date}: {reason}',
  'aws.log.terminating': 'Terminando instancia {instanceId}.',
  'aws.log.terminated': 'Instancia {instanceId} terminada (estado: {state}).',
  'aws.launch.notReady': '{date} no está listo para ejecutarse: {problems} (use --force para lanzarlo de todos modos).',
  'aws.launch.liveRun':
    '{date} ya tiene una ejecución viva: {instanceId} ({state}). Deténgala primero (stop-ec2-instance {instanceId}).',
  'aws.zip.tooSmall': 'demasiado pequeño para ser un zip',
  'aws.zip.noEnd': 'no tiene registro de fin de directorio central (no es un zip, o está truncado)',
  'aws.zip.badZip64': 'registro zip64 de fin de directorio central dañado',
  'aws.zip.outside': 'el directorio central queda fuera del archivo (¿truncado?)',
  'aws.zip.count': 'el directorio central lista {found} entradas en vez de {expected}',
  'aws.zip.tooLarge': 'un tamaño zip64 es demasiado grande',
  'aws.zip.missing': 's3://{bucket}/{key} no existe',
};
