// The agent's messages: what it writes to CloudWatch (Spanish by default, for the existing log readers),
// what the launcher and the agent-related commands print, and the reasons recorded in `adatrap:status`.
export const en = {
  'agent.started':
    'ADATRAP process for {date} started on instance {instance} (agent {agentVersion}, executable v{exeVersion}).',
  'agent.startedDebug':
    'ADATRAP process for {date} started in debug mode on instance {instance}: the executable will not run and nothing will be uploaded.',
  'agent.downloading': 'Downloading s3://{bucket}/{key}.',
  'agent.downloaded': 'Downloaded {key} ({size}) in {seconds} s.',
  'agent.inputsChosen': 'Inputs for {date}: operation programme {po}, service detail {serviceDetail}.',
  'agent.parRendered': 'Configuration {file} written.',
  'agent.exeStarting': 'Running {command} (time limit {minutes} min).',
  'agent.exeFinished': 'The executable ended with exit code {code} after {seconds} s.',
  'agent.debugSkipsExe': 'Debug mode: the executable is not run.',
  'agent.debugSkipsUpload': 'Debug mode: nothing is uploaded to the output bucket.',
  'agent.zipped': 'Results packed into {file} ({size}, {files} files).',
  'agent.previousKept': 'The previous result of {date} was kept as s3://{bucket}/{key}.',
  'agent.uploaded': 'Results uploaded to s3://{bucket}/{key}.',
  'agent.succeeded': 'ADATRAP process for {date} finished successfully on instance {instance} in {seconds} s.',
  'agent.failed': 'ADATRAP process for {date} failed on instance {instance}: {reason}',
  'agent.terminating': 'Terminating instance {instance}.',
  'agent.noInstanceToTerminate': 'No EC2 instance id is known, so no machine is terminated.',
  'agent.terminateFailed': 'Could not terminate instance {instance} ({reason}); shutting the machine down instead.',
  'agent.tagFailed': 'Could not record the status tag on instance {instance}: {reason}',
  'agent.logFailed': 'Could not write to CloudWatch Logs ({reason}); continuing without it.',
  'agent.bootstrapFailed': 'The machine for {date} could not start the agent; it shuts down now. Cause: ',

  'agent.reason.missingInput': 'input missing: s3://{bucket}/{key}',
  'agent.reason.noPo': 'no operation programme (YYYY-MM-DD.po.zip) in bucket {bucket} is valid on {date}',
  'agent.reason.noServiceDetail': 'no service detail file in bucket {bucket} covers {date}',
  'agent.reason.missingExecutable': 'executable missing: s3://{bucket}/{key} (check EXECUTABLE_VERSION)',
  'agent.reason.corruptGzip': '{file} is not a valid gzip file ({detail})',
  'agent.reason.inflatedTooLarge':
    '{file} inflates to more than {ratio} times its {size} compressed bytes: refused as a gzip bomb (check the file in S3)',
  'agent.reason.corruptZip': '{file} is not a valid zip file ({detail})',
  'agent.reason.poTopFolder':
    'the operation programme zip {file} must hold one top folder named {folder}; found {found}',
  'agent.reason.poUnsafeEntry': 'the operation programme zip {file} has an entry outside its folder: {entry}',
  'agent.reason.inputNotUnpacked': 'the configuration names {path}, which the inputs did not provide',
  'agent.reason.exeExit': 'the executable ended with exit code {code}',
  'agent.reason.exeSignal': 'the executable was killed by signal {signal}',
  'agent.reason.exeStderr': 'the executable wrote {count} line(s) to standard error; first: {line}',
  'agent.reason.exeTimeout': 'the executable exceeded its time limit of {minutes} min and was stopped',
  'agent.reason.exeNotStarted': 'the executable could not be started: {detail}',
  'agent.reason.notWindows':
    '{exe} runs on Windows only; elsewhere set ADATRAP_EXECUTABLE_COMMAND (e.g. "node dist/pvmtsc-sim.js", the simulator)',
  'agent.reason.noOutputs': 'the executable wrote no results in {folder}',
  'agent.reason.s3': 'S3 error on s3://{bucket}/{key}: {detail}',
  'agent.reason.logs': 'CloudWatch Logs error: {detail}',
  'agent.reason.unexpected': 'unexpected error: {detail}',

  'agent.config.missing':
    'ADATRAP_RUN_CONFIG is not set: the agent is started by the machine user data, which provides it.',
  'agent.config.invalid': 'The run configuration (ADATRAP_RUN_CONFIG) is invalid: {detail}',
  'agent.config.dateMismatch': 'The run configuration is for {configured}, not for {date}.',
  'agent.cmd.executeAdatrap':
    'Process one day on this machine: download the inputs, run ADATRAP and upload the results.',
  'agent.cmd.debug': 'do every step but running the executable; upload nothing',
  'agent.cmd.date': 'the day to process, YYYY-MM-DD',
  'agent.cmd.printIamPolicy': 'Print the least-privilege IAM policy for the instance profile of the machines.',
  'agent.cmd.localDone': 'Done: {outcome}',
  'agent.cmd.failed': 'The run failed: {reason}',
  'agent.cmd.account': 'AWS account id for the resource ARNs (default: any account, *)',

  'agent.launch.noInstanceProfile':
    'INSTANCE_PROFILE is not set: machines get their AWS access from an IAM instance profile, never from your keys. Create one with the policy printed by `adatrap-miner print-iam-policy` and put its name in INSTANCE_PROFILE.',
  'agent.launch.userDataTooLarge': 'The generated user data is {size} bytes, over the EC2 limit of {limit} bytes.',
  'agent.launch.unsafeValue': '{name} contains a character that cannot be passed to the machine safely: {value}',
  'agent.bundle.missing': 'The agent bundle {path} is missing: run `npm run build` first.',
  'agent.bundle.uploaded': 'Uploaded the agent bundle to s3://{bucket}/{key}.',
  'agent.bundle.present': 'The agent bundle s3://{bucket}/{key} is already in place.',
  'agent.bundle.uploadFailed':
    'Could not upload the agent bundle to s3://{bucket}/{key}: {detail}. Check EXECUTABLES_BUCKET and your permissions.',
} as const;

export const es: { [K in keyof typeof en]: string } = {
  'agent.started':
    'Proceso ADATRAP para {date} iniciado en la instancia {instance} (agente {agentVersion}, ejecutable v{exeVersion}).',
  'agent.startedDebug':
    'Proceso ADATRAP para {date} iniciado en modo depuración en la instancia {instance}: el ejecutable no se ejecutará y no se subirá nada.',
  'agent.downloading': 'Descargando s3://{bucket}/{key}.',
  'agent.downloaded': 'Descargado {key} ({size}) en {seconds} s.',
  'agent.inputsChosen': 'Insumos para {date}: programa de operación {po}, detalle de servicios {serviceDetail}.',
  'agent.parRendered': 'Configuración {file} escrita.',
  'agent.exeStarting': 'Ejecutando {command} (límite de tiempo {minutes} min).',
  'agent.exeFinished': 'El ejecutable terminó con código de salida {code} después de {seconds} s.',
  'agent.debugSkipsExe': 'Modo depuración: el ejecutable no se ejecuta.',
  'agent.debugSkipsUpload': 'Modo depuración: no se sube nada al bucket de resultados.',
  'agent.zipped': 'Resultados empaquetados en {file} ({size}, {files} archivos).',
  'agent.previousKept': 'El resultado anterior de {date} se conservó como s3://{bucket}/{key}.',
  'agent.uploaded': 'Resultados subidos a s3://{bucket}/{key}.',
  'agent.succeeded': 'Proceso ADATRAP para {date} finalizado correctamente en la instancia {instance} en {seconds} s.',
  'agent.failed': 'Proceso ADATRAP para {date} falló en la instancia {instance}: {reason}',
  'agent.terminating': 'Terminando la instancia {instance}.',
  'agent.noInstanceToTerminate': 'No se conoce el id de una instancia EC2, así que no se termina ninguna máquina.',
  'agent.terminateFailed': 'No se pudo terminar la instancia {instance} ({reason}); se apaga la máquina en su lugar.',
  'agent.tagFailed': 'No se pudo registrar la etiqueta de estado en la instancia {instance}: {reason}',
  'agent.logFailed': 'No se pudo escribir en CloudWatch Logs ({reason}); se continúa sin registro.',
  'agent.bootstrapFailed': 'La máquina para {date} no pudo iniciar el agente; se apaga ahora. Causa: ',

  'agent.reason.missingInput': 'falta el insumo s3://{bucket}/{key}',
  'agent.reason.noPo': 'ningún programa de operación (AAAA-MM-DD.po.zip) del bucket {bucket} es válido el {date}',
  'agent.reason.noServiceDetail': 'ningún archivo de detalle de servicios del bucket {bucket} cubre el {date}',
  'agent.reason.missingExecutable': 'falta el ejecutable s3://{bucket}/{key} (revise EXECUTABLE_VERSION)',
  'agent.reason.corruptGzip': '{file} no es un archivo gzip válido ({detail})',
  'agent.reason.inflatedTooLarge':
    '{file} se descomprime a más de {ratio} veces sus {size} bytes comprimidos: rechazado como bomba gzip (revise el archivo en S3)',
  'agent.reason.corruptZip': '{file} no es un archivo zip válido ({detail})',
  'agent.reason.poTopFolder':
    'el zip del programa de operación {file} debe contener una sola carpeta raíz llamada {folder}; se encontró {found}',
  'agent.reason.poUnsafeEntry':
    'el zip del programa de operación {file} tiene una entrada fuera de su carpeta: {entry}',
  'agent.reason.inputNotUnpacked': 'la configuración nombra {path}, que los insumos no entregaron',
  'agent.reason.exeExit': 'el ejecutable terminó con código de salida {code}',
  'agent.reason.exeSignal': 'el ejecutable fue detenido por la señal {signal}',
  'agent.reason.exeStderr': 'el ejecutable escribió {count} línea(s) en la salida de error; la primera: {line}',
  'agent.reason.exeTimeout': 'el ejecutable superó su límite de tiempo de {minutes} min y fue detenido',
  'agent.reason.exeNotStarted': 'no se pudo iniciar el ejecutable: {detail}',
  'agent.reason.notWindows':
    '{exe} solo funciona en Windows; en otro sistema defina ADATRAP_EXECUTABLE_COMMAND (p. ej. "node dist/pvmtsc-sim.js", el simulador)',
  'agent.reason.noOutputs': 'el ejecutable no escribió resultados en {folder}',
  'agent.reason.s3': 'error de S3 en s3://{bucket}/{key}: {detail}',
  'agent.reason.logs': 'error de CloudWatch Logs: {detail}',
  'agent.reason.unexpected': 'error inesperado: {detail}',

  'agent.config.missing':
    'ADATRAP_RUN_CONFIG no está definido: el agente lo recibe de los datos de usuario de la máquina.',
  'agent.config.invalid': 'La configuración de la ejecución (ADATRAP_RUN_CONFIG) no es válida: {detail}',
  'agent.config.dateMismatch': 'La configuración de la ejecución es para {configured}, no para {date}.',
  'agent.cmd.executeAdatrap':
    'Procesa un día en esta máquina: descarga los insumos, ejecuta ADATRAP y sube los resultados.',
  'agent.cmd.debug': 'hace todos los pasos salvo ejecutar el ejecutable; no sube nada',
  'agent.cmd.date': 'el día a procesar, AAAA-MM-DD',
  'agent.cmd.printIamPolicy':
    'Imprime la política IAM de mínimo privilegio para el perfil de instancia de las máquinas.',
  'agent.cmd.localDone': 'Listo: {outcome}',
  'agent.cmd.failed': 'La ejecución falló: {reason}',
  'agent.cmd.account': 'id de la cuenta AWS para los ARN de los recursos (por defecto: cualquiera, *)',

  'agent.launch.noInstanceProfile':
    'INSTANCE_PROFILE no está definido: las máquinas obtienen su acceso a AWS de un perfil de instancia IAM, nunca de sus claves. Cree uno con la política que imprime `adatrap-miner print-iam-policy` y ponga su nombre en INSTANCE_PROFILE.',
  'agent.launch.userDataTooLarge':
    'Los datos de usuario generados ocupan {size} bytes, más que el límite de EC2 de {limit} bytes.',
  'agent.launch.unsafeValue': '{name} contiene un carácter que no se puede pasar a la máquina de forma segura: {value}',
  'agent.bundle.missing': 'Falta el paquete del agente {path}: ejecute primero `npm run build`.',
  'agent.bundle.uploaded': 'Paquete del agente subido a s3://{bucket}/{key}.',
  'agent.bundle.present': 'El paquete del agente s3://{bucket}/{key} ya está disponible.',
  'agent.bundle.uploadFailed':
    'No se pudo subir el paquete del agente a s3://{bucket}/{key}: {detail}. Revise EXECUTABLES_BUCKET y sus permisos.',
};
