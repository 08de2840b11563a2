// Messages of the input checks and the untrusted-tag handling of issue 14 (what a user reads when a value is
// refused before any AWS call, or a machine's tag could not be trusted).
export const en = {
  'safety.tag.unknown': 'unknown',
  'safety.tag.unknownOutcome': 'unknown (the adatrap:status tag is not one the agent writes)',
  'safety.keyPairDeviceName':
    '{key} "{value}" names a Windows device (CON, PRN, AUX, NUL, COM1-9, LPT1-9), not a file: its private key could not be saved as {value}.pem. Choose another name.',
  'safety.badLogStream':
    '"{name}" ({length} characters) is not a log stream name: CloudWatch Logs takes 1 to 512 characters, without : or * (nor control characters).',
  'safety.symlinkRefused': '{path} is a symbolic link: it is never followed. Remove it or choose another folder.',
  'safety.yearTooEarly': '{text} is before {min}: type the month as YYYY-MM, with a year from {min} on.',
} as const;

export const es: { [K in keyof typeof en]: string } = {
  'safety.tag.unknown': 'desconocida',
  'safety.tag.unknownOutcome': 'desconocido (la etiqueta adatrap:status no es una que escriba el agente)',
  'safety.keyPairDeviceName':
    '{key} "{value}" es el nombre de un dispositivo de Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9), no de un archivo: su clave privada no podría guardarse como {value}.pem. Elija otro nombre.',
  'safety.badLogStream':
    '"{name}" ({length} caracteres) no es un nombre de flujo de registro: CloudWatch Logs acepta de 1 a 512 caracteres, sin : ni * (ni caracteres de control).',
  'safety.symlinkRefused': '{path} es un enlace simbólico: nunca se sigue. Elimínelo o elija otra carpeta.',
  'safety.yearTooEarly': '{text} es anterior a {min}: escriba el mes como AAAA-MM, con un año desde {min}.',
};
