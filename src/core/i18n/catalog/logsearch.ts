// Searching logs (search-logs, the tail and get-log-stream filters), time windows and Logs Insights queries.
export const en = {
  'logsearch.time.bad':
    '{option} must be a duration back from now (15m, 2h, 3d, 1w), a date (YYYY-MM-DD, Santiago time), a Santiago date-time (2020-06-30 08:00) or an ISO date-time with zone, not "{text}".',
  'logsearch.time.reversed': 'The window is empty: --until ({until}) is not after --since ({since}).',
  'logsearch.noGroup': 'Log group {group} does not exist (LOG_GROUP).',
  'logsearch.noStream': 'Log stream {name} does not exist in log group {group}. list-runs shows the instance ids.',
  'logsearch.badPattern':
    'The filter pattern {pattern} is not valid: {detail} Terms with characters other than letters, digits and _ go in double quotes, e.g. \'"i-0abc"\'.',
  'logsearch.tooManyStreams': 'Search at most {max} streams at a time with --stream (given: {count}).',

  'logsearch.cmd.search.description':
    'find the log events that match a CloudWatch filter pattern, in the whole log group or some streams, newest first',
  'logsearch.cmd.search.pattern':
    'CloudWatch filter pattern: terms (all must appear, case-sensitive), "a phrase", ?either ?or, -excluded, %regex%, { $.json = value }',
  'logsearch.cmd.since':
    'from this time: 15m, 2h, 3d, 1w back from now, a date or date-time (Santiago) or ISO with zone',
  'logsearch.cmd.until': 'up to this time (same forms; default now; a date counts whole)',
  'logsearch.cmd.search.stream': 'search only these streams (an instance id, the general stream; repeatable)',
  'logsearch.cmd.search.json': 'one JSON object per line: timestamp, time, stream, message',
  'logsearch.cmd.search.oldestFirst': 'print the oldest events first (default: newest first)',
  'logsearch.search.summary': '{count} events in {streams} streams ({start} .. {end}, Santiago time).',

  'logsearch.cmd.getLog.since': 'from this time: 15m, 2h, 3d back from now, or a date/date-time (as --start)',
  'logsearch.cmd.getLog.filter': 'only events matching this CloudWatch filter pattern (also when following)',
  'logsearch.getLog.sinceConflict': 'Give --since or --start, not both.',

  'logsearch.cmd.insights.description':
    'run a CloudWatch Logs Insights query (a ready-made one by name, or --query) over the log group and print a table',
  'logsearch.cmd.insights.name': 'ready-made query: {names}',
  'logsearch.cmd.insights.query': 'your own Logs Insights query instead of a ready-made one',
  'logsearch.cmd.insights.csv': 'print CSV instead of a table',
  'logsearch.cmd.insights.json': 'print the rows as a JSON array',
  'logsearch.cmd.insights.list': 'list the ready-made queries',
  'logsearch.insights.nameOrQuery': 'Give either a ready-made query name ({names}) or --query QUERY.',
  'logsearch.insights.unknown': 'There is no ready-made query "{name}": choose one of {names}, or pass --query.',
  'logsearch.insights.malformed': 'The Logs Insights query is not valid: {detail}',
  'logsearch.insights.status': 'Query {status}…',
  'logsearch.insights.cancelled': 'The query was cancelled (StopQuery).',
  'logsearch.insights.ended':
    'The query ended with status {status}: narrow the time window (--since) and run it again.',
  'logsearch.insights.none': 'No results between {start} and {end} (Santiago time).',
  'logsearch.insights.stats': '{rows} rows; {matched} records matched of {scanned} scanned ({bytes}).',

  'logsearch.query.failedRuns': 'Failed runs, counted by reason',
  'logsearch.query.stepDurations': 'Step durations per day (downloads, executable, whole run), in seconds',
  'logsearch.query.exeWarnings': 'Warnings and errors the executable wrote',
  'logsearch.query.errors': 'Every ERROR line, newest first',
};

export const es: typeof en = {
  'logsearch.time.bad':
    '{option} debe ser una duración hacia atrás desde ahora (15m, 2h, 3d, 1w), una fecha (AAAA-MM-DD, hora de Santiago), una fecha y hora de Santiago (2020-06-30 08:00) o una fecha y hora ISO con zona, no "{text}".',
  'logsearch.time.reversed': 'La ventana está vacía: --until ({until}) no es posterior a --since ({since}).',
  'logsearch.noGroup': 'El grupo de logs {group} no existe (LOG_GROUP).',
  'logsearch.noStream':
    'El stream de logs {name} no existe en el grupo {group}. list-runs muestra los id de instancia.',
  'logsearch.badPattern':
    'El patrón de filtro {pattern} no es válido: {detail} Los términos con caracteres que no sean letras, dígitos o _ van entre comillas dobles, p. ej. \'"i-0abc"\'.',
  'logsearch.tooManyStreams': 'Busque en a lo más {max} streams a la vez con --stream (indicados: {count}).',

  'logsearch.cmd.search.description':
    'buscar los eventos de log que calzan con un patrón de filtro de CloudWatch, en todo el grupo o en algunos streams, los más nuevos primero',
  'logsearch.cmd.search.pattern':
    'patrón de filtro de CloudWatch: términos (todos deben aparecer, distingue mayúsculas), "una frase", ?uno ?otro, -excluido, %regex%, { $.json = valor }',
  'logsearch.cmd.since':
    'desde este momento: 15m, 2h, 3d, 1w hacia atrás desde ahora, una fecha o fecha y hora (Santiago) o ISO con zona',
  'logsearch.cmd.until': 'hasta este momento (mismas formas; por omisión ahora; una fecha cuenta completa)',
  'logsearch.cmd.search.stream': 'buscar solo en estos streams (un id de instancia, el stream general; repetible)',
  'logsearch.cmd.search.json': 'un objeto JSON por línea: timestamp, time, stream, message',
  'logsearch.cmd.search.oldestFirst': 'mostrar primero los eventos más antiguos (por omisión: los más nuevos primero)',
  'logsearch.search.summary': '{count} eventos en {streams} streams ({start} .. {end}, hora de Santiago).',

  'logsearch.cmd.getLog.since':
    'desde este momento: 15m, 2h, 3d hacia atrás desde ahora, o una fecha/fecha y hora (como --start)',
  'logsearch.cmd.getLog.filter':
    'solo los eventos que calzan con este patrón de filtro de CloudWatch (también al seguir)',
  'logsearch.getLog.sinceConflict': 'Indique --since o --start, no ambos.',

  'logsearch.cmd.insights.description':
    'ejecutar una consulta de CloudWatch Logs Insights (una predefinida por nombre, o --query) sobre el grupo de logs y mostrar una tabla',
  'logsearch.cmd.insights.name': 'consulta predefinida: {names}',
  'logsearch.cmd.insights.query': 'su propia consulta de Logs Insights en vez de una predefinida',
  'logsearch.cmd.insights.csv': 'mostrar CSV en vez de una tabla',
  'logsearch.cmd.insights.json': 'mostrar las filas como un arreglo JSON',
  'logsearch.cmd.insights.list': 'listar las consultas predefinidas',
  'logsearch.insights.nameOrQuery': 'Indique el nombre de una consulta predefinida ({names}) o --query CONSULTA.',
  'logsearch.insights.unknown': 'No hay una consulta predefinida "{name}": elija una de {names}, o use --query.',
  'logsearch.insights.malformed': 'La consulta de Logs Insights no es válida: {detail}',
  'logsearch.insights.status': 'Consulta {status}…',
  'logsearch.insights.cancelled': 'La consulta se canceló (StopQuery).',
  'logsearch.insights.ended':
    'La consulta terminó con estado {status}: acote la ventana de tiempo (--since) y ejecútela de nuevo.',
  'logsearch.insights.none': 'Sin resultados entre {start} y {end} (hora de Santiago).',
  'logsearch.insights.stats': '{rows} filas; {matched} registros calzaron de {scanned} revisados ({bytes}).',

  'logsearch.query.failedRuns': 'Ejecuciones fallidas, contadas por motivo',
  'logsearch.query.stepDurations':
    'Duración de los pasos por día (descargas, ejecutable, ejecución completa), en segundos',
  'logsearch.query.exeWarnings': 'Advertencias y errores que escribió el ejecutable',
  'logsearch.query.errors': 'Todas las líneas ERROR, las más nuevas primero',
};
