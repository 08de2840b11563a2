// Messages of `adatrap-miner sandbox`, the local AWS simulator.
export const en = {
  'sandbox.cli.description':
    'Start the local AWS simulator (S3, EC2, CloudWatch Logs, STS) on 127.0.0.1 and serve until stopped',
  'sandbox.cli.port': 'port on 127.0.0.1 (0 picks a free one)',
  'sandbox.cli.data':
    'keep the simulated objects, logs and machines in this folder (default: a temporary folder removed on exit)',
  'sandbox.cli.noSeed': 'start empty: no buckets, sample days, PO zips, log group or key pair',
  'sandbox.cli.writeEnv': 'also write the sandbox settings into this .env file (other lines and comments are kept)',
  'sandbox.cli.traceRequests': 'print one line per AWS request served (service, operation, resource, status, time)',
  'sandbox.banner': 'ADATRAP Miner sandbox: a SIMULATOR of AWS (S3, EC2, CloudWatch Logs, STS) at {endpoint}.',
  'sandbox.bannerNoAws': 'Nothing here reaches a real AWS account; launched runs execute on this machine.',
  'sandbox.seeded': 'Seeded: complete days {days}; {incomplete} lacks its transactions file; PO zips {po}.',
  'sandbox.empty': 'Started empty (--no-seed).',
  'sandbox.reused': 'Data folder in use: its buckets, logs and machines are kept and nothing is re-seeded.',
  'sandbox.dataKept': 'Data folder: {dir} (kept on exit).',
  'sandbox.dataTemporary': 'Data folder: temporary, removed on exit.',
  'sandbox.envHeader': '# .env for the sandbox (simulator credentials, valid only here):',
  'sandbox.exportHeader': '# For other AWS tools in this shell:',
  'sandbox.controlHint':
    '# Fault control (header "Authorization: Bearer <SANDBOX_CONTROL_TOKEN>"): POST {endpoint}/_sandbox/faults · state: GET {endpoint}/_sandbox/state',
  'sandbox.envWritten': 'Wrote the sandbox settings into {path}.',
  'sandbox.ready': 'Ready. Press Ctrl+C to stop.',
  'sandbox.stopping': 'Stopping the sandbox…',
  'sandbox.stopped': 'Sandbox stopped.',
  'sandbox.badPort': 'The port must be a whole number from 0 to 65535, not "{value}".',
  'sandbox.portInUse': 'Port {port} on 127.0.0.1 is already in use; choose another with --port (0 picks a free one).',
  'sandbox.dataUnusable': 'Cannot use {dir} as the sandbox data folder: {reason}',
  'sandbox.writeEnvFailed': 'Cannot write the sandbox settings into {path}: {reason}',
  'sandbox.startFailed': 'The sandbox could not start: {reason}',
  'sandbox.instanceState': '{time}  machine {instanceId} ({date}): {state}',
  'sandbox.instanceExited': '{time}  machine {instanceId} ({date}): {state}, its run ended with exit code {code}',
  'sandbox.machineLine': '{time}  {instanceId} | {line}',
  'sandbox.requestLine': '{time}  {service} {operation} {resource} -> {status} ({ms} ms)',
  'sandbox.connectionCut': 'connection cut',
} as const;

export const es: { [K in keyof typeof en]: string } = {
  'sandbox.cli.description':
    'Inicia el simulador local de AWS (S3, EC2, CloudWatch Logs, STS) en 127.0.0.1 y atiende hasta que se detenga',
  'sandbox.cli.port': 'puerto en 127.0.0.1 (0 elige uno libre)',
  'sandbox.cli.data':
    'guarda los objetos, logs y máquinas simulados en esta carpeta (por defecto: una carpeta temporal que se borra al salir)',
  'sandbox.cli.noSeed': 'inicia vacío: sin buckets, días de ejemplo, zips de PO, grupo de logs ni par de llaves',
  'sandbox.cli.writeEnv':
    'escribe además la configuración del sandbox en este archivo .env (se conservan las demás líneas y comentarios)',
  'sandbox.cli.traceRequests':
    'muestra una línea por cada solicitud de AWS atendida (servicio, operación, recurso, estado, tiempo)',
  'sandbox.banner': 'Sandbox de ADATRAP Miner: un SIMULADOR de AWS (S3, EC2, CloudWatch Logs, STS) en {endpoint}.',
  'sandbox.bannerNoAws': 'Nada aquí llega a una cuenta real de AWS; las ejecuciones lanzadas corren en este equipo.',
  'sandbox.seeded':
    'Datos de ejemplo: días completos {days}; a {incomplete} le falta el archivo de transacciones; zips de PO {po}.',
  'sandbox.empty': 'Iniciado vacío (--no-seed).',
  'sandbox.reused':
    'Carpeta de datos en uso: se conservan sus buckets, logs y máquinas, y no se vuelven a cargar los datos de ejemplo.',
  'sandbox.dataKept': 'Carpeta de datos: {dir} (se conserva al salir).',
  'sandbox.dataTemporary': 'Carpeta de datos: temporal, se borra al salir.',
  'sandbox.envHeader': '# .env para el sandbox (credenciales del simulador, válidas solo aquí):',
  'sandbox.exportHeader': '# Para otras herramientas de AWS en esta terminal:',
  'sandbox.controlHint':
    '# Control de fallas (encabezado "Authorization: Bearer <SANDBOX_CONTROL_TOKEN>"): POST {endpoint}/_sandbox/faults · estado: GET {endpoint}/_sandbox/state',
  'sandbox.envWritten': 'Se escribió la configuración del sandbox en {path}.',
  'sandbox.ready': 'Listo. Presione Ctrl+C para detenerlo.',
  'sandbox.stopping': 'Deteniendo el sandbox…',
  'sandbox.stopped': 'Sandbox detenido.',
  'sandbox.badPort': 'El puerto debe ser un número entero de 0 a 65535, no "{value}".',
  'sandbox.portInUse': 'El puerto {port} de 127.0.0.1 ya está en uso; elija otro con --port (0 elige uno libre).',
  'sandbox.dataUnusable': 'No se puede usar {dir} como carpeta de datos del sandbox: {reason}',
  'sandbox.writeEnvFailed': 'No se pudo escribir la configuración del sandbox en {path}: {reason}',
  'sandbox.startFailed': 'El sandbox no pudo iniciar: {reason}',
  'sandbox.instanceState': '{time}  máquina {instanceId} ({date}): {state}',
  'sandbox.instanceExited': '{time}  máquina {instanceId} ({date}): {state}, su ejecución terminó con código {code}',
  'sandbox.machineLine': '{time}  {instanceId} | {line}',
  'sandbox.requestLine': '{time}  {service} {operation} {resource} -> {status} ({ms} ms)',
  'sandbox.connectionCut': 'conexión cortada',
};
