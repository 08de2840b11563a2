// Messages of the Test connection checklist (src/aws/connectionCheck.ts) and the editor's input check.
export const en = {
  'connection.credentials.title': 'AWS credentials',
  'connection.credentials.ok': 'Signed in as {arn} (account {account}).',
  'connection.credentials.fail':
    'AWS did not accept the credentials ({reason}). Check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE.',
  'connection.notSet': 'Not checked: set {key} first.',
  'connection.skippedNoCredentials': 'Not checked: the credentials failed.',
  'connection.bucket.title': '{role} bucket {bucket}',
  'connection.bucket.okRead': 'Exists and can be listed.',
  'connection.bucket.okWrite': 'Exists, can be listed and written to.',
  'connection.bucket.missing':
    'Bucket {bucket} does not exist or is not visible to these credentials ({reason}). Create it, or fix {key}.',
  'connection.bucket.unreadable':
    'Bucket {bucket} exists but cannot be listed ({reason}). Grant s3:ListBucket on it, or fix {key}.',
  'connection.bucket.unwritable':
    'Bucket {bucket} cannot be written to ({reason}). Grant s3:PutObject and s3:DeleteObject on it, or fix {key}.',
  'connection.role.gps': 'GPS',
  'connection.role.file196': '1.96 report',
  'connection.role.transactions': 'Transactions',
  'connection.role.opProgram': 'Service dictionary (PO)',
  'connection.role.serviceDetail': 'Service detail',
  'connection.role.executables': 'Executables',
  'connection.role.output': 'Output',
  'connection.logGroup.title': 'Log group {group}',
  'connection.logGroup.ok': 'Exists in {region}.',
  'connection.logGroup.missing': 'Log group {group} does not exist in {region}. Create it (button), or fix LOG_GROUP.',
  'connection.logStream.title': 'General log stream {stream}',
  'connection.logStream.ok': 'Exists in log group {group}.',
  'connection.logStream.missing':
    'Stream {stream} does not exist in log group {group}. Create it (button), or fix GENERAL_LOG_STREAM.',
  'connection.logs.fail':
    'CloudWatch Logs could not be read ({reason}). Grant logs:DescribeLogGroups and logs:DescribeLogStreams.',
  'connection.object.title': '{file} in {bucket}',
  'connection.object.ok': 'Found ({size} bytes).',
  'connection.object.missing':
    '{file} is not in bucket {bucket}. Upload it there, or fix EXECUTABLE_VERSION (now {version}).',
  'connection.object.fail': '{file} in bucket {bucket} could not be read ({reason}).',
  'connection.keyPair.title': 'Key pair {name}',
  'connection.keyPair.ok': 'Exists in {region}.',
  'connection.keyPair.missing':
    'Key pair {name} does not exist in {region}. Create it with the Create Key Pair command, or fix KEY_PAIR.',
  'connection.ami.title': 'Machine image {ami}',
  'connection.ami.ok': '{name} ({platform}), in {region}.',
  'connection.ami.notWindows': '{name} is not a Windows image: ADATRAP needs Windows. Fix AMI_ID.',
  'connection.ami.missing':
    'Image {ami} does not exist in {region} or is not shared with this account. Fix AMI_ID or REGION_NAME.',
  'connection.ec2.fail': 'EC2 could not be queried ({reason}). Grant ec2:DescribeKeyPairs and ec2:DescribeImages.',
  'connection.inputs.notConfigured': 'The configuration has problems; fix them before checking inputs.',
  'connection.noRegion': 'Not checked: set REGION_NAME first (every AWS call needs a region).',
  'connection.inputs.found': 'Found in bucket {bucket}.',
  'connection.inputs.poFound': 'Service dictionary valid from {date}, in bucket {bucket}.',
  'connection.inputs.serviceDetailFound': 'Service detail valid from {from} to {to}, in bucket {bucket}.',
  'connection.template.header':
    'ADATRAP Miner configuration. Edit it with "ADATRAP: Open Configuration", or here as text.',
} as const;

export const es: { [K in keyof typeof en]: string } = {
  'connection.credentials.title': 'Credenciales de AWS',
  'connection.credentials.ok': 'Sesión iniciada como {arn} (cuenta {account}).',
  'connection.credentials.fail':
    'AWS no aceptó las credenciales ({reason}). Revise AWS_ACCESS_KEY_ID y AWS_SECRET_ACCESS_KEY, o AWS_PROFILE.',
  'connection.notSet': 'Sin revisar: primero defina {key}.',
  'connection.skippedNoCredentials': 'Sin revisar: las credenciales fallaron.',
  'connection.bucket.title': 'Bucket de {role} {bucket}',
  'connection.bucket.okRead': 'Existe y se puede listar.',
  'connection.bucket.okWrite': 'Existe, se puede listar y escribir.',
  'connection.bucket.missing':
    'El bucket {bucket} no existe o estas credenciales no lo ven ({reason}). Créelo, o corrija {key}.',
  'connection.bucket.unreadable':
    'El bucket {bucket} existe pero no se puede listar ({reason}). Otorgue s3:ListBucket sobre él, o corrija {key}.',
  'connection.bucket.unwritable':
    'No se puede escribir en el bucket {bucket} ({reason}). Otorgue s3:PutObject y s3:DeleteObject sobre él, o corrija {key}.',
  'connection.role.gps': 'GPS',
  'connection.role.file196': 'informe 1.96',
  'connection.role.transactions': 'transacciones',
  'connection.role.opProgram': 'diccionario de servicios (PO)',
  'connection.role.serviceDetail': 'detalle de servicios',
  'connection.role.executables': 'ejecutables',
  'connection.role.output': 'resultados',
  'connection.logGroup.title': 'Grupo de logs {group}',
  'connection.logGroup.ok': 'Existe en {region}.',
  'connection.logGroup.missing': 'El grupo de logs {group} no existe en {region}. Créelo (botón), o corrija LOG_GROUP.',
  'connection.logStream.title': 'Stream de log general {stream}',
  'connection.logStream.ok': 'Existe en el grupo de logs {group}.',
  'connection.logStream.missing':
    'El stream {stream} no existe en el grupo de logs {group}. Créelo (botón), o corrija GENERAL_LOG_STREAM.',
  'connection.logs.fail':
    'No se pudo leer CloudWatch Logs ({reason}). Otorgue logs:DescribeLogGroups y logs:DescribeLogStreams.',
  'connection.object.title': '{file} en {bucket}',
  'connection.object.ok': 'Encontrado ({size} bytes).',
  'connection.object.missing':
    '{file} no está en el bucket {bucket}. Súbalo allí, o corrija EXECUTABLE_VERSION (ahora {version}).',
  'connection.object.fail': 'No se pudo leer {file} en el bucket {bucket} ({reason}).',
  'connection.keyPair.title': 'Par de claves {name}',
  'connection.keyPair.ok': 'Existe en {region}.',
  'connection.keyPair.missing':
    'El par de claves {name} no existe en {region}. Créelo con el comando Crear par de claves, o corrija KEY_PAIR.',
  'connection.ami.title': 'Imagen de máquina {ami}',
  'connection.ami.ok': '{name} ({platform}), en {region}.',
  'connection.ami.notWindows': '{name} no es una imagen Windows: ADATRAP necesita Windows. Corrija AMI_ID.',
  'connection.ami.missing':
    'La imagen {ami} no existe en {region} o no está compartida con esta cuenta. Corrija AMI_ID o REGION_NAME.',
  'connection.ec2.fail': 'No se pudo consultar EC2 ({reason}). Otorgue ec2:DescribeKeyPairs y ec2:DescribeImages.',
  'connection.inputs.notConfigured': 'La configuración tiene problemas; corríjalos antes de revisar las entradas.',
  'connection.noRegion': 'Sin revisar: primero defina REGION_NAME (toda llamada a AWS necesita una región).',
  'connection.inputs.found': 'Encontrado en el bucket {bucket}.',
  'connection.inputs.poFound': 'Diccionario de servicios vigente desde {date}, en el bucket {bucket}.',
  'connection.inputs.serviceDetailFound': 'Detalle de servicios vigente del {from} al {to}, en el bucket {bucket}.',
  'connection.template.header':
    'Configuración de ADATRAP Miner. Edítela con "ADATRAP: Abrir configuración", o aquí como texto.',
};
