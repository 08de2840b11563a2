// Messages of the machine's boot path (user data, runtime upload, deadline schedule, launch agent check).
export const en = {
  'boot.ami.oldAgent':
    '{name} (built {created}) may have a launch agent too old to read user data when only IMDSv2 is allowed: the machine would never arm its deadline. Use a recent Amazon Windows AMI (resolve:ssm:/aws/service/ami-windows-latest/...).',
  'boot.ami.unknownAgent':
    '{name} does not declare IMDSv2 support (ImdsSupport v2.0) and is not an Amazon image: make sure its launch agent (EC2Launch v2, or EC2Launch/EC2Config recent enough) and AWS Tools for PowerShell 4.0.1.0+ work with IMDSv2 only, or the machine never arms its deadline.',
  'boot.agentExit': 'the agent exited with code {code}; its output is in {folder} on the machine',
  'boot.runtime.fetching': 'Uploading the Node {version} runtime to s3://{bucket}/{key} (once per version).',
  'boot.runtime.integrity':
    'The {name}@{version} tarball from {url} does not match the pinned integrity; nothing was uploaded.',
  'boot.runtime.hash': 'node.exe from {name}@{version} does not have the pinned SHA-256; nothing was uploaded.',
  'boot.runtime.missingEntry': 'The {name}@{version} tarball has no {path}; nothing was uploaded.',
  'boot.runtime.download':
    'Could not download {url} ({detail}). Set npm_config_registry to a reachable registry, or upload node.exe to s3://{bucket}/{key} yourself.',
  'boot.runtime.uploadFailed': 'Could not upload the Node runtime to s3://{bucket}/{key}: {detail}',
  'boot.sandboxDirectStart':
    'PowerShell (pwsh) was not found: sandbox machines start the agent directly instead of running their user data.',
};

export const es: Record<keyof typeof en, string> = {
  'boot.ami.oldAgent':
    '{name} (creada {created}) puede tener un agente de arranque demasiado antiguo para leer los datos de usuario cuando solo se permite IMDSv2: la máquina nunca armaría su plazo. Use una AMI Windows reciente de Amazon (resolve:ssm:/aws/service/ami-windows-latest/...).',
  'boot.ami.unknownAgent':
    '{name} no declara soporte de IMDSv2 (ImdsSupport v2.0) y no es una imagen de Amazon: asegúrese de que su agente de arranque (EC2Launch v2, o EC2Launch/EC2Config suficientemente recientes) y AWS Tools para PowerShell 4.0.1.0+ funcionen solo con IMDSv2, o la máquina nunca armará su plazo.',
  'boot.agentExit': 'el agente terminó con código {code}; su salida está en {folder} en la máquina',
  'boot.runtime.fetching': 'Subiendo el runtime Node {version} a s3://{bucket}/{key} (una vez por versión).',
  'boot.runtime.integrity':
    'El tarball {name}@{version} de {url} no coincide con la integridad fijada; no se subió nada.',
  'boot.runtime.hash': 'node.exe de {name}@{version} no tiene el SHA-256 fijado; no se subió nada.',
  'boot.runtime.missingEntry': 'El tarball {name}@{version} no contiene {path}; no se subió nada.',
  'boot.runtime.download':
    'No se pudo descargar {url} ({detail}). Defina npm_config_registry con un registro accesible, o suba node.exe a s3://{bucket}/{key} usted mismo.',
  'boot.runtime.uploadFailed': 'No se pudo subir el runtime Node a s3://{bucket}/{key}: {detail}',
  'boot.sandboxDirectStart':
    'No se encontró PowerShell (pwsh): las máquinas del sandbox inician el agente directamente en vez de ejecutar sus datos de usuario.',
};
