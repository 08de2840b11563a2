// Reaching and diagnosing a machine (Windows password, Remote Desktop, console output, screenshot) and
// downloading outputs in bulk: CLI and core messages.
export const en = {
  'diagnose.badInstanceId': '"{id}" is not an instance ID: use i- followed by 8 or 17 hexadecimal digits.',
  'diagnose.instance.notFound':
    'Instance {id} does not exist in {region} (or no longer appears). Check the ID and REGION_NAME.',
  'diagnose.fileExists': '{path} already exists: it was left as it is. Choose another file name (-o) or move it away.',
  'diagnose.cannotWrite': 'Cannot write {path}: {reason}',
  'diagnose.badWait': '--wait "{value}" must be a number of minutes greater than 0 and at most 60.',
  'diagnose.cancelled': 'Cancelled.',

  'diagnose.cli.instanceId': 'instance ID of the run (see list-runs)',
  'diagnose.cli.pem': "private key file of the run's key pair (default: <key pair>.pem beside the .env)",
  'diagnose.cli.wait': 'minutes to wait for Windows to publish the password (default 15)',
  'diagnose.cli.password.description':
    "print a run machine's Windows Administrator password, decrypted locally with the key pair's .pem",
  'diagnose.cli.rdp.description':
    "check port 3389, write an .rdp file for a run's machine and print its Administrator password once",
  'diagnose.cli.rdp.output': 'where to write the .rdp file (default <id>.rdp; an existing file is never replaced)',
  'diagnose.cli.rdp.sourceIp':
    'your public IP address for the port 3389 check (default: asked of checkip.amazonaws.com)',
  'diagnose.cli.rdp.viaSsm': 'connect through a Session Manager tunnel on localhost instead of the public address',
  'diagnose.cli.console.description':
    "print a run machine's console output (GetConsoleOutput), optionally save a screenshot of its screen",
  'diagnose.cli.console.latest': 'the latest output instead of the copy kept at the last state change',
  'diagnose.cli.console.screenshot': 'also save a screenshot of the screen as this JPEG file',

  'diagnose.password.badPem':
    '{path} is not a private key in PEM format. Use the .pem saved when the key pair was created.',
  'diagnose.password.notRsa':
    '{path} is a {type} key: EC2 only encrypts Windows passwords for RSA key pairs. Launch with an RSA key pair (create-key-pair makes RSA keys).',
  'diagnose.password.wrongKey':
    "{path} cannot decrypt this password: it is not the private key of key pair {keyPair}. Use that key pair's .pem (--pem).",
  'diagnose.password.pemUnreadable':
    'Cannot read {path}, the private key of key pair {keyPair} ({reason}). Give its location with --pem.',
  'diagnose.password.notWindows': 'Instance {id} is not a Windows machine: it has no Windows password.',
  'diagnose.password.noKeyPair':
    'Instance {id} was launched without a key pair, so EC2 never publishes its password. Launch runs with KEY_PAIR set.',
  'diagnose.password.notRunning': 'Instance {id} is {state}: its password can only be read while it runs.',
  'diagnose.password.timeout':
    'Windows on {id} has not published its password after {minutes} min. Look at its system log (get-console-output {id} --latest).',
  'diagnose.password.waiting': 'Waiting for Windows on {id} to publish its password: {waited} s (up to {limit} min)…',

  'diagnose.rdp.notRunning': 'Instance {id} is {state}: Remote Desktop needs a running machine.',
  'diagnose.rdp.badSourceIp': '"{value}" is not an IP address (--source-ip or ADATRAP_PUBLIC_IP).',
  'diagnose.rdp.open': 'Port {port} is open to {source}: security group {group} allows {cidr}.',
  'diagnose.rdp.closed':
    "Port {port} is closed to your address {source}: no rule of the machine's security groups ({groups}) allows it.",
  'diagnose.rdp.addRule':
    'To open it, add to security group {group} an inbound rule: TCP {port} from {cidr}. For example:',
  'diagnose.rdp.noGroups': 'The machine has no security group: set SECURITY_GROUP_IDS to a group that allows TCP 3389.',
  'diagnose.rdp.unknownSource':
    'Could not learn your public address (checkip.amazonaws.com did not answer), so port {port} was not checked for you. Pass it with --source-ip.',
  'diagnose.rdp.openTo': 'Security group {group} allows TCP {port} from {cidr}.',
  'diagnose.rdp.openToNobody': 'No security group of the machine allows TCP {port} from any address.',
  'diagnose.rdp.ssmAlternative':
    'Secure alternative with no open port: a Session Manager tunnel (needs the Session Manager plugin here and the SSM agent with AmazonSSMManagedInstanceCore on the machine): {command} ; then connect Remote Desktop to localhost:{port} (rdp --via-ssm writes that file).',
  'diagnose.rdp.ssmFirst': 'Start the tunnel first, in another terminal: {command}',
  'diagnose.rdp.noPublicAddress':
    'Instance {id} has no public address (its subnet gives none). Use a Session Manager tunnel: {command} , then rdp {id} --via-ssm.',
  'diagnose.rdp.saved': 'Saved {file}: Remote Desktop to {address} as {user}.',
  'diagnose.rdp.password': 'Password (shown once, not saved): {password}',

  'diagnose.console.empty':
    'No console output for {id} yet. EC2 keeps the output posted at the last state change; try --latest for the newest.',
  'diagnose.screenshot.saved': 'Saved the screenshot to {file}.',
  'diagnose.screenshot.empty': 'EC2 returned no screenshot for {id}.',
  'diagnose.screenshot.notRunning': 'Instance {id} is not running: a screenshot needs a machine whose screen is on.',

  'diagnose.cli.outputs.description':
    "download each day's outputs (D.zip and D.manifest.json) to a folder, resumable; or print a link to share one day's zip",
  'diagnose.cli.outputs.date': 'first day (YYYY-MM-DD)',
  'diagnose.cli.outputs.to': 'last day, inclusive (default: the first)',
  'diagnose.cli.outputs.dir': 'folder to download to (default: the current folder)',
  'diagnose.cli.outputs.link': "print a presigned link to the day's zip instead of downloading",
  'diagnose.cli.outputs.expires': 'how long the link works: 30m, 12h, 7d … (default 1h, at most 7d)',
  'diagnose.outputs.missing': '{date}: no {file} in s3://{bucket} (no successful run yet).',
  'diagnose.outputs.skipped': '{file} is already complete here: skipped.',
  'diagnose.outputs.existsDifferent':
    '{file} exists here with a different size than in S3: it was left as it is. Move it away to download again.',
  'diagnose.outputs.resuming': 'Resuming {file} at {done} of {total}.',
  'diagnose.outputs.progress': '{file}: {done} of {total} ({percent}%)',
  'diagnose.outputs.saved': 'Saved {file} ({size}).',
  'diagnose.outputs.summary': '{downloaded} downloaded, {skipped} already here, {missing} not in S3.',
  'diagnose.outputs.changed': '{file} changed in S3 since the partial download: starting it again.',
  'diagnose.outputs.badExpires':
    '--expires "{value}" must be a duration like 30m, 12h or 7d, at most 7 days (SigV4 limit).',
  'diagnose.outputs.linkOneDay': '--link shares one day: leave out --to.',
  'diagnose.outputs.linkValid': 'Anyone with this link can download {file} until {until}.',
  'diagnose.outputs.interrupted':
    'The download of {file} broke off ({reason}); what arrived is kept. Run again to resume.',
  'diagnose.outputs.short':
    '{file}.part has {written} bytes, the object {size}: the transfer broke off. Run again to resume.',
} as const;

export const es: { [K in keyof typeof en]: string } = {
  'diagnose.badInstanceId': '"{id}" no es un ID de instancia: use i- seguido de 8 o 17 dígitos hexadecimales.',
  'diagnose.instance.notFound':
    'La instancia {id} no existe en {region} (o ya no aparece). Revise el ID y REGION_NAME.',
  'diagnose.fileExists': '{path} ya existe: se dejó tal cual. Elija otro nombre (-o) o muévalo.',
  'diagnose.cannotWrite': 'No se puede escribir {path}: {reason}',
  'diagnose.badWait': '--wait "{value}" debe ser un número de minutos mayor que 0 y de a lo más 60.',
  'diagnose.cancelled': 'Cancelado.',

  'diagnose.cli.instanceId': 'ID de instancia de la ejecución (vea list-runs)',
  'diagnose.cli.pem':
    'archivo de clave privada del par de claves de la ejecución (por omisión: <par>.pem junto al .env)',
  'diagnose.cli.wait': 'minutos de espera a que Windows publique la contraseña (por omisión 15)',
  'diagnose.cli.password.description':
    'muestra la contraseña de Administrator de Windows de una máquina, descifrada aquí con el .pem del par de claves',
  'diagnose.cli.rdp.description':
    'revisa el puerto 3389, escribe un archivo .rdp para la máquina y muestra una vez su contraseña de Administrator',
  'diagnose.cli.rdp.output': 'dónde escribir el .rdp (por omisión <id>.rdp; nunca reemplaza un archivo existente)',
  'diagnose.cli.rdp.sourceIp':
    'su IP pública para revisar el puerto 3389 (por omisión: la que responde checkip.amazonaws.com)',
  'diagnose.cli.rdp.viaSsm': 'conectarse por un túnel de Session Manager en localhost en vez de la dirección pública',
  'diagnose.cli.console.description':
    'muestra la salida de consola de una máquina (GetConsoleOutput) y opcionalmente guarda una captura de su pantalla',
  'diagnose.cli.console.latest': 'la salida más reciente en vez de la copia guardada en el último cambio de estado',
  'diagnose.cli.console.screenshot': 'además guardar una captura de la pantalla en este archivo JPEG',

  'diagnose.password.badPem':
    '{path} no es una clave privada en formato PEM. Use el .pem guardado al crear el par de claves.',
  'diagnose.password.notRsa':
    '{path} es una clave {type}: EC2 solo cifra contraseñas de Windows para pares de claves RSA. Lance con un par RSA (create-key-pair crea claves RSA).',
  'diagnose.password.wrongKey':
    '{path} no puede descifrar esta contraseña: no es la clave privada del par {keyPair}. Use el .pem de ese par (--pem).',
  'diagnose.password.pemUnreadable':
    'No se puede leer {path}, la clave privada del par {keyPair} ({reason}). Indique su ubicación con --pem.',
  'diagnose.password.notWindows': 'La instancia {id} no es una máquina Windows: no tiene contraseña de Windows.',
  'diagnose.password.noKeyPair':
    'La instancia {id} se lanzó sin par de claves, así que EC2 nunca publica su contraseña. Lance con KEY_PAIR definido.',
  'diagnose.password.notRunning': 'La instancia {id} está {state}: su contraseña solo se puede leer mientras funciona.',
  'diagnose.password.timeout':
    'Windows en {id} no ha publicado su contraseña tras {minutes} min. Revise su registro del sistema (get-console-output {id} --latest).',
  'diagnose.password.waiting':
    'Esperando a que Windows en {id} publique su contraseña: {waited} s (hasta {limit} min)…',

  'diagnose.rdp.notRunning':
    'La instancia {id} está {state}: Escritorio remoto necesita una máquina en funcionamiento.',
  'diagnose.rdp.badSourceIp': '"{value}" no es una dirección IP (--source-ip o ADATRAP_PUBLIC_IP).',
  'diagnose.rdp.open': 'El puerto {port} está abierto para {source}: el grupo de seguridad {group} permite {cidr}.',
  'diagnose.rdp.closed':
    'El puerto {port} está cerrado para su dirección {source}: ninguna regla de los grupos de seguridad de la máquina ({groups}) lo permite.',
  'diagnose.rdp.addRule':
    'Para abrirlo, agregue al grupo de seguridad {group} una regla de entrada: TCP {port} desde {cidr}. Por ejemplo:',
  'diagnose.rdp.noGroups':
    'La máquina no tiene grupo de seguridad: defina SECURITY_GROUP_IDS con un grupo que permita TCP 3389.',
  'diagnose.rdp.unknownSource':
    'No se pudo averiguar su dirección pública (checkip.amazonaws.com no respondió), así que no se revisó el puerto {port} para usted. Indíquela con --source-ip.',
  'diagnose.rdp.openTo': 'El grupo de seguridad {group} permite TCP {port} desde {cidr}.',
  'diagnose.rdp.openToNobody': 'Ningún grupo de seguridad de la máquina permite TCP {port} desde ninguna dirección.',
  'diagnose.rdp.ssmAlternative':
    'Alternativa segura sin puertos abiertos: un túnel de Session Manager (requiere el plugin de Session Manager aquí y el agente SSM con AmazonSSMManagedInstanceCore en la máquina): {command} ; luego conecte Escritorio remoto a localhost:{port} (rdp --via-ssm escribe ese archivo).',
  'diagnose.rdp.ssmFirst': 'Inicie primero el túnel, en otra terminal: {command}',
  'diagnose.rdp.noPublicAddress':
    'La instancia {id} no tiene dirección pública (su subred no la asigna). Use un túnel de Session Manager: {command} , luego rdp {id} --via-ssm.',
  'diagnose.rdp.saved': 'Guardado {file}: Escritorio remoto a {address} como {user}.',
  'diagnose.rdp.password': 'Contraseña (se muestra una vez, no se guarda): {password}',

  'diagnose.console.empty':
    'Aún no hay salida de consola para {id}. EC2 guarda la salida del último cambio de estado; pruebe --latest para la más reciente.',
  'diagnose.screenshot.saved': 'Captura de pantalla guardada en {file}.',
  'diagnose.screenshot.empty': 'EC2 no devolvió captura de pantalla para {id}.',
  'diagnose.screenshot.notRunning':
    'La instancia {id} no está en funcionamiento: una captura necesita una máquina con la pantalla encendida.',

  'diagnose.cli.outputs.description':
    'descarga los resultados de cada día (D.zip y D.manifest.json) a una carpeta, reanudable; o muestra un enlace para compartir el zip de un día',
  'diagnose.cli.outputs.date': 'primer día (AAAA-MM-DD)',
  'diagnose.cli.outputs.to': 'último día, inclusive (por omisión: el primero)',
  'diagnose.cli.outputs.dir': 'carpeta de destino (por omisión: la carpeta actual)',
  'diagnose.cli.outputs.link': 'mostrar un enlace prefirmado al zip del día en vez de descargarlo',
  'diagnose.cli.outputs.expires': 'cuánto dura el enlace: 30m, 12h, 7d … (por omisión 1h, a lo más 7d)',
  'diagnose.outputs.missing': '{date}: no hay {file} en s3://{bucket} (aún no hay una ejecución exitosa).',
  'diagnose.outputs.skipped': '{file} ya está completo aquí: omitido.',
  'diagnose.outputs.existsDifferent':
    '{file} existe aquí con un tamaño distinto al de S3: se dejó tal cual. Muévalo para descargarlo de nuevo.',
  'diagnose.outputs.resuming': 'Reanudando {file} en {done} de {total}.',
  'diagnose.outputs.progress': '{file}: {done} de {total} ({percent}%)',
  'diagnose.outputs.saved': 'Guardado {file} ({size}).',
  'diagnose.outputs.summary': '{downloaded} descargados, {skipped} ya estaban, {missing} no están en S3.',
  'diagnose.outputs.changed': '{file} cambió en S3 desde la descarga parcial: se descarga de nuevo.',
  'diagnose.outputs.badExpires':
    '--expires "{value}" debe ser una duración como 30m, 12h o 7d, de a lo más 7 días (límite de SigV4).',
  'diagnose.outputs.linkOneDay': '--link comparte un día: omita --to.',
  'diagnose.outputs.linkValid': 'Cualquiera con este enlace puede descargar {file} hasta {until}.',
  'diagnose.outputs.interrupted':
    'La descarga de {file} se cortó ({reason}); lo recibido se conserva. Ejecute de nuevo para reanudar.',
  'diagnose.outputs.short':
    '{file}.part tiene {written} bytes y el objeto {size}: la transferencia se cortó. Ejecute de nuevo para reanudar.',
};
