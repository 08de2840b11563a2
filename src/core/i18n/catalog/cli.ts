// Messages of the `adatrap-miner` command line.
export const en = {
  'cli.description': 'ADATRAP Miner: check inputs, launch and follow ADATRAP runs on EC2.',
  'cli.option.envFile': 'read the configuration from this file instead of ./.env',
  'cli.option.verbose': 'show details (stack traces) of errors',
  'cli.envFileUnreadable': 'Cannot read the configuration file {path}: {reason}',
  'cli.configInvalid': 'Fix the configuration ({path}): {details}',
  'cli.notPositiveInt': '{name} must be a whole number of at least 1, not "{value}".',
} as const;

export const es: { [K in keyof typeof en]: string } = {
  'cli.description': 'ADATRAP Miner: revisa entradas, lanza y sigue ejecuciones de ADATRAP en EC2.',
  'cli.option.envFile': 'leer la configuración de este archivo en vez de ./.env',
  'cli.option.verbose': 'mostrar detalles (trazas) de los errores',
  'cli.envFileUnreadable': 'No se puede leer el archivo de configuración {path}: {reason}',
  'cli.configInvalid': 'Corrija la configuración ({path}): {details}',
  'cli.notPositiveInt': '{name} debe ser un número entero mayor o igual a 1, no "{value}".',
};
