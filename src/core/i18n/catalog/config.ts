// Messages about the `.env` configuration (src/core/config.ts, src/core/envFile.ts): labels and help per key,
// and one message per way a value can be wrong. Messages never contain the value of a secret.
export const en = {
  'config.label.AWS_ACCESS_KEY_ID': 'Access key ID',
  'config.help.AWS_ACCESS_KEY_ID':
    'Access key of an IAM user (AKIA… or ASIA…, 20 characters). Not needed with AWS_PROFILE.',
  'config.label.AWS_SECRET_ACCESS_KEY': 'Secret access key',
  'config.help.AWS_SECRET_ACCESS_KEY':
    'Secret that goes with the access key ID. Never shown, logged or sent to the machines.',
  'config.label.AWS_SESSION_TOKEN': 'Session token',
  'config.help.AWS_SESSION_TOKEN': 'Only for temporary keys (ASIA…): the session token that goes with them.',
  'config.label.AWS_PROFILE': 'AWS profile',
  'config.help.AWS_PROFILE': 'A profile or SSO session of ~/.aws/config to use instead of access keys.',
  'config.label.REGION_NAME': 'Region',
  'config.help.REGION_NAME': 'AWS region of the machines, logs and buckets, e.g. us-east-1.',
  'config.label.AMI_ID': 'Windows image (AMI)',
  'config.help.AMI_ID':
    'Windows Server image the machines start from, e.g. ami-0b697c4ae566cad55 or resolve:ssm:/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base.',
  'config.label.INSTANCE_TYPE': 'Instance type',
  'config.help.INSTANCE_TYPE': 'EC2 machine size, e.g. t2.micro or m5.xlarge.',
  'config.label.KEY_PAIR': 'Key pair',
  'config.help.KEY_PAIR': 'EC2 key pair given to launched machines (its .pem decrypts the Windows password).',
  'config.label.LOG_GROUP': 'Log group',
  'config.help.LOG_GROUP': 'CloudWatch Logs group of all runs.',
  'config.label.GENERAL_LOG_STREAM': 'General log stream',
  'config.help.GENERAL_LOG_STREAM': 'Stream in the log group for project-wide events (launches, stops).',
  'config.label.EXECUTABLES_BUCKET': 'Executables bucket',
  'config.help.EXECUTABLES_BUCKET': 'Bucket holding pvmtsc_vX.exe and pvmtsc_vX.par.',
  'config.label.EXECUTABLE_VERSION': 'Executable version',
  'config.help.EXECUTABLE_VERSION': 'The X of pvmtsc_vX.exe and pvmtsc_vX.par, e.g. 0.2.',
  'config.label.GPS_BUCKET_NAME': 'GPS bucket',
  'config.help.GPS_BUCKET_NAME': 'Bucket with one YYYY-MM-DD.gps.gz per day.',
  'config.label.FILE_196_BUCKET_NAME': '1.96 report bucket',
  'config.help.FILE_196_BUCKET_NAME': 'Bucket with one YYYY-MM-DD.196.gz per day.',
  'config.label.TRANSACTION_BUCKET_NAME': 'Transactions bucket',
  'config.help.TRANSACTION_BUCKET_NAME': 'Bucket with one YYYY-MM-DD.trx.gz (Bip! transactions) per day.',
  'config.label.OP_PROGRAM_BUCKET_NAME': 'Operation programme bucket',
  'config.help.OP_PROGRAM_BUCKET_NAME':
    'Bucket with the service dictionaries, YYYY-MM-DD.po.zip, each valid from its date.',
  'config.label.SERVICE_DETAIL_BUCKET_NAME': 'Service detail bucket',
  'config.help.SERVICE_DETAIL_BUCKET_NAME':
    'Bucket with Diccionario-DetalleServicioZP_YYYYMMDD_YYYYMMDD.csv.gz files (paid zones).',
  'config.label.OUTPUT_DATA_BUCKET_NAME': 'Output bucket',
  'config.help.OUTPUT_DATA_BUCKET_NAME': "Bucket where each day's results (YYYY-MM-DD.zip) are written.",
  'config.label.INSTANCE_PROFILE': 'Instance profile',
  'config.help.INSTANCE_PROFILE': 'IAM instance profile (name or ARN) of launched machines, so they need no keys.',
  'config.label.SECURITY_GROUP_IDS': 'Security groups',
  'config.help.SECURITY_GROUP_IDS': 'Comma-separated security group IDs for launched machines, e.g. sg-0123abcd.',
  'config.label.MARKET': 'Market',
  'config.help.MARKET':
    'spot (default): Spot machines, on-demand when Spot capacity is refused; on-demand: never Spot.',
  'config.label.STACK_NAME': 'Stack name',
  'config.help.STACK_NAME': 'CloudFormation stack that adatrap-miner setup deploys (default adatrap-miner).',
  'config.label.STATE_MACHINE_ARN': 'Batch workflow',
  'config.help.STATE_MACHINE_ARN':
    'ARN of the Step Functions state machine that runs batches; adatrap-miner setup prints it.',
  'config.label.SCHEDULER_ROLE_ARN': 'Deadline role',
  'config.help.SCHEDULER_ROLE_ARN':
    'ARN of the role EventBridge Scheduler assumes to terminate a machine at its deadline; adatrap-miner setup prints it.',
  'config.bad.schedulerRoleArn': '{key} "{value}" is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME).',
  'config.bad.market': '{key} "{value}" must be spot or on-demand.',
  'config.bad.stackName': '{key} "{value}" is not a stack name: a letter, then up to 49 letters, digits or hyphens.',
  'config.bad.stateMachineArn':
    '{key} "{value}" is not a state machine ARN (arn:aws:states:REGION:ACCOUNT:stateMachine:NAME).',
  'config.label.SUBNET_ID': 'Subnet',
  'config.help.SUBNET_ID': 'Subnet for launched machines, e.g. subnet-0123abcd.',
  'config.label.MAX_RUN_HOURS': 'Maximum run hours',
  'config.help.MAX_RUN_HOURS':
    'A machine terminates itself after this many hours whatever happens (1 to 24, default 4).',
  'config.label.ROOT_VOLUME_GB': 'Root volume (GiB)',
  'config.help.ROOT_VOLUME_GB':
    "Size of each machine's disk (gp3, deleted with the machine). Empty: sized from the day's inputs, never below the image's snapshot.",
  'config.label.EXE_CODE_PAGE': 'Executable code page',
  'config.help.EXE_CODE_PAGE':
    "Encoding of the executable's output (default windows-1252, what a Spanish Windows writes; e.g. utf-8, iso-8859-15).",
  'config.label.AWS_ENDPOINT_URL': 'Endpoint (all services)',
  'config.help.AWS_ENDPOINT_URL': 'Sends every AWS call to this URL instead of AWS (the local sandbox prints it).',
  'config.label.AWS_ENDPOINT_URL_S3': 'S3 endpoint',
  'config.help.AWS_ENDPOINT_URL_S3': 'Endpoint URL for S3 only.',
  'config.label.AWS_ENDPOINT_URL_EC2': 'EC2 endpoint',
  'config.help.AWS_ENDPOINT_URL_EC2': 'Endpoint URL for EC2 only.',
  'config.label.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS': 'CloudWatch Logs endpoint',
  'config.help.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS': 'Endpoint URL for CloudWatch Logs only.',
  'config.label.AWS_ENDPOINT_URL_STS': 'STS endpoint',
  'config.help.AWS_ENDPOINT_URL_STS': 'Endpoint URL for STS (credential checks) only.',

  'config.group.credentials': 'Credentials and region',
  'config.group.machine': 'Machine',
  'config.group.logs': 'Logs',
  'config.group.buckets': 'Data buckets',
  'config.group.executable': 'ADATRAP executable',
  'config.group.optional': 'Optional',

  'config.missing': '{key} is missing: set it in .env ({label}).',
  'config.missingCredentials':
    'AWS credentials are missing: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, in .env.',
  'config.missingPair': '{key} is missing: {other} is set, and the two go together.',
  'config.sessionTokenWithoutKeys':
    'AWS_SESSION_TOKEN is set but AWS_ACCESS_KEY_ID is not: a session token only goes with keys.',
  'config.fromEnvironment': '{message} (the value comes from the environment variable {key}, which overrides .env)',
  'config.credentialsReplaced':
    '{message} (the environment sets AWS keys, which replace the keys of .env as a whole: set {key} in the environment too, or unset its AWS keys)',
  'config.duplicate': '{key} is set {count} times in .env; the last one is used. Remove the others.',
  'config.bad.accessKeyId':
    '{key} is not an access key ID: it must be AKIA or ASIA followed by 16 capital letters or digits.',
  'config.bad.secret':
    '{key} contains spaces, control characters or characters outside printable ASCII; copy it again without them.',
  'config.bad.profile': '{key} "{value}" is not a profile name: remove the spaces around it.',
  'config.bad.region': '{key} "{value}" is not an AWS region: use a code such as us-east-1 or sa-east-1.',
  'config.bad.ami':
    '{key} "{value}" is not an image ID: it must be ami- followed by 8 or 17 hexadecimal digits, or resolve:ssm:/aws/service/ami-windows-latest/….',
  'config.bad.instanceType':
    '{key} "{value}" is not an instance type or a comma-separated list of them: use family.size, such as t2.micro or m5.xlarge, m5a.xlarge.',
  'config.bad.keyPair':
    '{key} "{value}" is not a key pair name: use 1 to 255 printable ASCII characters, without spaces at either end.',
  'config.bad.keyPairFileName':
    '{key} "{value}" cannot also be the file name of its private key (.pem): avoid / \\ : * ? " < > | and names made only of dots.',
  'config.bad.logGroup':
    '{key} "{value}" is not a log group name: use 1 to 512 characters among letters, digits, _ - / . and #.',
  'config.bad.logStream':
    '{key} "{value}" is not a log stream name: use 1 to 512 characters, without : or * or control characters.',
  'config.bad.version': '{key} "{value}" is not a version: use digits and dots, such as 0.2.',
  'config.bad.bucket': '{key} "{value}" is not a valid S3 bucket name: {reason}.',
  'config.bad.bucket.length': 'it must have 3 to 63 characters',
  'config.bad.bucket.chars': 'only lowercase letters, digits, dots and hyphens are allowed',
  'config.bad.bucket.edges': 'it must begin and end with a lowercase letter or a digit',
  'config.bad.bucket.dots': 'it must not contain two dots in a row, or a dot next to a hyphen',
  'config.bad.bucket.ip': 'it must not look like an IP address',
  'config.bad.bucket.reserved': 'it uses a prefix or suffix that AWS reserves (xn--, sthree-, -s3alias, --ol-s3 …)',
  'config.bad.securityGroups':
    '{key} "{value}" is not a list of security group IDs: use sg- followed by 8 or 17 hexadecimal digits, separated by commas.',
  'config.bad.subnet': '{key} "{value}" is not a subnet ID: it must be subnet- followed by 8 or 17 hexadecimal digits.',
  'config.bad.instanceProfile':
    '{key} "{value}" is not an instance profile: use its name (letters, digits and +=,.@_-) or its ARN.',
  'config.bad.maxRunHours': '{key} "{value}" is not a number of hours between 1 and 24.',
  'config.bad.rootVolumeGb': '{key} "{value}" is not a whole number of GiB between 1 and 16384 (the gp3 limits).',
  'config.bad.exeCodePage':
    '{key} "{value}" is not an encoding this tool can decode: use windows-1252, utf-8 or iso-8859-15.',
  'config.bad.endpoint': '{key} "{value}" is not an http:// or https:// URL.',

  'config.env.badKeyName': '{key} cannot be a .env key: use letters, digits, _ . and - only.',
  'config.env.cannotWrite':
    'The value for {key} cannot be written to .env so that it reads back unchanged; it mixes every kind of quote with line breaks.',
} as const;

export const es: { [K in keyof typeof en]: string } = {
  'config.label.AWS_ACCESS_KEY_ID': 'ID de clave de acceso',
  'config.help.AWS_ACCESS_KEY_ID':
    'Clave de acceso de un usuario IAM (AKIA… o ASIA…, 20 caracteres). No se necesita con AWS_PROFILE.',
  'config.label.AWS_SECRET_ACCESS_KEY': 'Clave de acceso secreta',
  'config.help.AWS_SECRET_ACCESS_KEY':
    'Secreto de la clave de acceso. Nunca se muestra, registra ni se envía a las máquinas.',
  'config.label.AWS_SESSION_TOKEN': 'Token de sesión',
  'config.help.AWS_SESSION_TOKEN': 'Solo para claves temporales (ASIA…): el token de sesión que las acompaña.',
  'config.label.AWS_PROFILE': 'Perfil de AWS',
  'config.help.AWS_PROFILE': 'Un perfil o sesión SSO de ~/.aws/config para usar en lugar de claves de acceso.',
  'config.label.REGION_NAME': 'Región',
  'config.help.REGION_NAME': 'Región de AWS de las máquinas, registros y buckets, p. ej. us-east-1.',
  'config.label.AMI_ID': 'Imagen de Windows (AMI)',
  'config.help.AMI_ID':
    'Imagen de Windows Server con la que parten las máquinas, p. ej. ami-0b697c4ae566cad55 o resolve:ssm:/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base.',
  'config.label.INSTANCE_TYPE': 'Tipo de instancia',
  'config.help.INSTANCE_TYPE': 'Tamaño de máquina EC2, p. ej. t2.micro o m5.xlarge.',
  'config.label.KEY_PAIR': 'Par de claves',
  'config.help.KEY_PAIR': 'Par de claves EC2 de las máquinas lanzadas (su .pem descifra la contraseña de Windows).',
  'config.label.LOG_GROUP': 'Grupo de registros',
  'config.help.LOG_GROUP': 'Grupo de CloudWatch Logs de todas las ejecuciones.',
  'config.label.GENERAL_LOG_STREAM': 'Flujo de registro general',
  'config.help.GENERAL_LOG_STREAM': 'Flujo del grupo para los eventos de todo el proyecto (lanzamientos, detenciones).',
  'config.label.EXECUTABLES_BUCKET': 'Bucket de ejecutables',
  'config.help.EXECUTABLES_BUCKET': 'Bucket con pvmtsc_vX.exe y pvmtsc_vX.par.',
  'config.label.EXECUTABLE_VERSION': 'Versión del ejecutable',
  'config.help.EXECUTABLE_VERSION': 'La X de pvmtsc_vX.exe y pvmtsc_vX.par, p. ej. 0.2.',
  'config.label.GPS_BUCKET_NAME': 'Bucket de GPS',
  'config.help.GPS_BUCKET_NAME': 'Bucket con un AAAA-MM-DD.gps.gz por día.',
  'config.label.FILE_196_BUCKET_NAME': 'Bucket del informe 1.96',
  'config.help.FILE_196_BUCKET_NAME': 'Bucket con un AAAA-MM-DD.196.gz por día.',
  'config.label.TRANSACTION_BUCKET_NAME': 'Bucket de transacciones',
  'config.help.TRANSACTION_BUCKET_NAME': 'Bucket con un AAAA-MM-DD.trx.gz (transacciones Bip!) por día.',
  'config.label.OP_PROGRAM_BUCKET_NAME': 'Bucket del programa de operación',
  'config.help.OP_PROGRAM_BUCKET_NAME':
    'Bucket con los diccionarios de servicios, AAAA-MM-DD.po.zip, cada uno vigente desde su fecha.',
  'config.label.SERVICE_DETAIL_BUCKET_NAME': 'Bucket del detalle de servicios',
  'config.help.SERVICE_DETAIL_BUCKET_NAME':
    'Bucket con archivos Diccionario-DetalleServicioZP_AAAAMMDD_AAAAMMDD.csv.gz (zonas pagas).',
  'config.label.OUTPUT_DATA_BUCKET_NAME': 'Bucket de resultados',
  'config.help.OUTPUT_DATA_BUCKET_NAME': 'Bucket donde se escriben los resultados de cada día (AAAA-MM-DD.zip).',
  'config.label.INSTANCE_PROFILE': 'Perfil de instancia',
  'config.help.INSTANCE_PROFILE':
    'Perfil de instancia IAM (nombre o ARN) de las máquinas lanzadas, para que no necesiten claves.',
  'config.label.SECURITY_GROUP_IDS': 'Grupos de seguridad',
  'config.help.SECURITY_GROUP_IDS': 'IDs de grupos de seguridad separados por comas, p. ej. sg-0123abcd.',
  'config.label.MARKET': 'Mercado',
  'config.help.MARKET':
    'spot (por defecto): máquinas Spot, bajo demanda si no hay capacidad Spot; on-demand: nunca Spot.',
  'config.label.STACK_NAME': 'Nombre del stack',
  'config.help.STACK_NAME': 'Stack de CloudFormation que despliega adatrap-miner setup (por defecto adatrap-miner).',
  'config.label.STATE_MACHINE_ARN': 'Flujo de lotes',
  'config.help.STATE_MACHINE_ARN':
    'ARN de la máquina de estados de Step Functions que ejecuta los lotes; adatrap-miner setup lo muestra.',
  'config.label.SCHEDULER_ROLE_ARN': 'Rol del plazo',
  'config.help.SCHEDULER_ROLE_ARN':
    'ARN del rol que asume EventBridge Scheduler para terminar una máquina en su plazo; adatrap-miner setup lo muestra.',
  'config.bad.schedulerRoleArn': '{key} "{value}" no es el ARN de un rol de IAM (arn:aws:iam::CUENTA:role/NOMBRE).',
  'config.bad.market': '{key} "{value}" debe ser spot u on-demand.',
  'config.bad.stackName':
    '{key} "{value}" no es un nombre de stack: una letra y luego hasta 49 letras, dígitos o guiones.',
  'config.bad.stateMachineArn':
    '{key} "{value}" no es el ARN de una máquina de estados (arn:aws:states:REGIÓN:CUENTA:stateMachine:NOMBRE).',
  'config.label.SUBNET_ID': 'Subred',
  'config.help.SUBNET_ID': 'Subred de las máquinas lanzadas, p. ej. subnet-0123abcd.',
  'config.label.MAX_RUN_HOURS': 'Horas máximas de ejecución',
  'config.help.MAX_RUN_HOURS': 'La máquina se termina sola tras estas horas pase lo que pase (1 a 24, por defecto 4).',
  'config.label.ROOT_VOLUME_GB': 'Volumen raíz (GiB)',
  'config.help.ROOT_VOLUME_GB':
    'Tamaño del disco de cada máquina (gp3, se borra con la máquina). Vacío: según los insumos del día, nunca menor que la instantánea de la imagen.',
  'config.label.EXE_CODE_PAGE': 'Página de códigos del ejecutable',
  'config.help.EXE_CODE_PAGE':
    'Codificación de la salida del ejecutable (por omisión windows-1252, la de un Windows en español; p. ej. utf-8, iso-8859-15).',
  'config.label.AWS_ENDPOINT_URL': 'Endpoint (todos los servicios)',
  'config.help.AWS_ENDPOINT_URL': 'Envía toda llamada a AWS a esta URL (el sandbox local la imprime).',
  'config.label.AWS_ENDPOINT_URL_S3': 'Endpoint de S3',
  'config.help.AWS_ENDPOINT_URL_S3': 'URL del endpoint solo para S3.',
  'config.label.AWS_ENDPOINT_URL_EC2': 'Endpoint de EC2',
  'config.help.AWS_ENDPOINT_URL_EC2': 'URL del endpoint solo para EC2.',
  'config.label.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS': 'Endpoint de CloudWatch Logs',
  'config.help.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS': 'URL del endpoint solo para CloudWatch Logs.',
  'config.label.AWS_ENDPOINT_URL_STS': 'Endpoint de STS',
  'config.help.AWS_ENDPOINT_URL_STS': 'URL del endpoint solo para STS (verificación de credenciales).',

  'config.group.credentials': 'Credenciales y región',
  'config.group.machine': 'Máquina',
  'config.group.logs': 'Registros',
  'config.group.buckets': 'Buckets de datos',
  'config.group.executable': 'Ejecutable ADATRAP',
  'config.group.optional': 'Opcional',

  'config.missing': 'Falta {key}: defínala en .env ({label}).',
  'config.missingCredentials':
    'Faltan las credenciales de AWS: defina AWS_ACCESS_KEY_ID y AWS_SECRET_ACCESS_KEY, o AWS_PROFILE, en .env.',
  'config.missingPair': 'Falta {key}: {other} está definida, y las dos van juntas.',
  'config.sessionTokenWithoutKeys':
    'AWS_SESSION_TOKEN está definida pero AWS_ACCESS_KEY_ID no: el token de sesión solo acompaña a las claves.',
  'config.fromEnvironment':
    '{message} (el valor viene de la variable de entorno {key}, que tiene prioridad sobre .env)',
  'config.credentialsReplaced':
    '{message} (el entorno define claves de AWS, que reemplazan en bloque las de .env: defina también {key} en el entorno, o quite sus claves de AWS)',
  'config.duplicate': '{key} aparece {count} veces en .env; se usa la última. Elimine las demás.',
  'config.bad.accessKeyId':
    '{key} no es un ID de clave de acceso: debe ser AKIA o ASIA seguido de 16 mayúsculas o dígitos.',
  'config.bad.secret':
    '{key} contiene espacios, caracteres de control o caracteres fuera del ASCII imprimible; cópiela de nuevo sin ellos.',
  'config.bad.profile': '{key} "{value}" no es un nombre de perfil: quite los espacios de los extremos.',
  'config.bad.region': '{key} "{value}" no es una región de AWS: use un código como us-east-1 o sa-east-1.',
  'config.bad.ami':
    '{key} "{value}" no es un ID de imagen: debe ser ami- seguido de 8 o 17 dígitos hexadecimales, o resolve:ssm:/aws/service/ami-windows-latest/….',
  'config.bad.instanceType':
    '{key} "{value}" no es un tipo de instancia ni una lista separada por comas: use familia.tamaño, como t2.micro o m5.xlarge, m5a.xlarge.',
  'config.bad.keyPair':
    '{key} "{value}" no es un nombre de par de claves: use de 1 a 255 caracteres ASCII imprimibles, sin espacios en los extremos.',
  'config.bad.keyPairFileName':
    '{key} "{value}" no puede ser además el nombre de archivo de su clave privada (.pem): evite / \\ : * ? " < > | y los nombres hechos solo de puntos.',
  'config.bad.logGroup':
    '{key} "{value}" no es un nombre de grupo de registros: use de 1 a 512 caracteres entre letras, dígitos, _ - / . y #.',
  'config.bad.logStream':
    '{key} "{value}" no es un nombre de flujo de registro: use de 1 a 512 caracteres, sin : ni * ni caracteres de control.',
  'config.bad.version': '{key} "{value}" no es una versión: use dígitos y puntos, como 0.2.',
  'config.bad.bucket': '{key} "{value}" no es un nombre de bucket S3 válido: {reason}.',
  'config.bad.bucket.length': 'debe tener entre 3 y 63 caracteres',
  'config.bad.bucket.chars': 'solo se permiten minúsculas, dígitos, puntos y guiones',
  'config.bad.bucket.edges': 'debe empezar y terminar con una minúscula o un dígito',
  'config.bad.bucket.dots': 'no puede tener dos puntos seguidos, ni un punto junto a un guion',
  'config.bad.bucket.ip': 'no puede parecer una dirección IP',
  'config.bad.bucket.reserved': 'usa un prefijo o sufijo reservado por AWS (xn--, sthree-, -s3alias, --ol-s3 …)',
  'config.bad.securityGroups':
    '{key} "{value}" no es una lista de IDs de grupos de seguridad: use sg- seguido de 8 o 17 dígitos hexadecimales, separados por comas.',
  'config.bad.subnet':
    '{key} "{value}" no es un ID de subred: debe ser subnet- seguido de 8 o 17 dígitos hexadecimales.',
  'config.bad.instanceProfile':
    '{key} "{value}" no es un perfil de instancia: use su nombre (letras, dígitos y +=,.@_-) o su ARN.',
  'config.bad.maxRunHours': '{key} "{value}" no es un número de horas entre 1 y 24.',
  'config.bad.rootVolumeGb': '{key} "{value}" no es un número entero de GiB entre 1 y 16384 (los límites de gp3).',
  'config.bad.exeCodePage':
    '{key} "{value}" no es una codificación que esta herramienta pueda leer: use windows-1252, utf-8 o iso-8859-15.',
  'config.bad.endpoint': '{key} "{value}" no es una URL http:// o https://.',

  'config.env.badKeyName': '{key} no puede ser una clave de .env: use solo letras, dígitos, _ . y -.',
  'config.env.cannotWrite':
    'El valor de {key} no se puede escribir en .env de modo que se lea igual; mezcla todo tipo de comillas con saltos de línea.',
};
