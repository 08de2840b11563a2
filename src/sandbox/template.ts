// The sandbox's own `pvmtsc_v0.2.par`: the format of the real template (value, tabs, `* comment`; the four
// placeholders) with fewer PO inputs. PO_FILES is the single list both the template and the seeded PO zips use, so
// the seeded zips always hold every file this template requires.
export interface PoFile {
  /** Sub-folder inside the PO folder; undefined for files at its top level. */
  folder?: string;
  name: string;
  ext: 'csv' | 'txt' | 'dbg';
  comment: string;
  /** Column lines that follow the file line: [column(s), comment]. */
  columns: Array<[string, string]>;
}

export const PO_FILES: readonly PoFile[] = [
  {
    folder: 'Paraderos',
    name: 'ConsolidadoParadas',
    ext: 'csv',
    comment: 'Archivo con las secuencias de paraderos',
    columns: [
      ['3', 'servicio'],
      ['4', 'sentido'],
      ['7', 'codigo de paradero'],
      ['8', 'codigo de usuario'],
      ['13', 'x del paradero (UTM)'],
      ['14', 'y del paradero (UTM)'],
    ],
  },
  {
    folder: 'Paraderos',
    name: 'BaseInfra',
    ext: 'csv',
    comment: 'Red de paraderos',
    columns: [
      ['1', 'codigo de la parada'],
      ['2', 'codigo de usuario'],
      ['13', 'coordenada X'],
      ['14', 'coordenada Y'],
    ],
  },
  {
    folder: 'Diccionario',
    name: 'Diccionario-Servicios',
    ext: 'csv',
    comment: 'Diccionario de codigos servicio-sentido',
    columns: [
      ['12', 'Codigo'],
      ['9\t8', 'Codigo secuencias de parada'],
      ['2', 'Codigo rutas'],
    ],
  },
  {
    folder: 'Diccionario',
    name: 'Diccionario-Comunas',
    ext: 'csv',
    comment: 'Comunas',
    columns: [
      ['1', 'id de la comuna'],
      ['2', 'nombre de la comuna'],
    ],
  },
  {
    folder: 'Rutas',
    name: 'ShapeRutas',
    ext: 'csv',
    comment: 'Informacion de las rutas',
    columns: [
      ['2', 'servicio-sentido-variante'],
      ['3', 'x nodo (UTM)'],
      ['4', 'y nodo (UTM)'],
      ['1', 'correlativo'],
    ],
  },
  {
    folder: 'Diccionario',
    name: 'Diccionario-EstacionesMetro',
    ext: 'csv',
    comment: 'Estaciones de metro',
    columns: [
      ['1', 'nombre en transacciones'],
      ['3', 'latitud'],
      ['4', 'longitud'],
      ['5', 'linea'],
    ],
  },
  { folder: 'Metro', name: 'Lineas', ext: 'txt', comment: 'Secuencia de estaciones de cada linea', columns: [] },
  { folder: 'Metro', name: 'Combinacion', ext: 'csv', comment: 'Pares de estaciones que combinan', columns: [] },
  {
    folder: 'Diccionario',
    name: 'Diccionario-Patentes',
    ext: 'csv',
    comment: 'Capacidades por patente',
    columns: [
      ['3', 'patente'],
      ['12', 'plazas'],
      ['13', 'tipo vehiculo'],
    ],
  },
  {
    folder: 'Diccionario',
    name: 'Diccionario-PeriodosTS',
    ext: 'csv',
    comment: 'Periodos TS',
    columns: [
      ['1', 'id'],
      ['2', 'Tipo Dia'],
      ['4', 'tiempo inicial'],
      ['5', 'tiempo final'],
    ],
  },
  {
    name: 'secuencia_paradas_full',
    ext: 'dbg',
    comment: 'Secuencia full',
    columns: [
      ['1', 'codigo de servicio'],
      ['2', 'dist en ruta'],
      ['4', 'codigo del paradero'],
    ],
  },
  {
    name: 'osm',
    ext: 'csv',
    comment: 'Posicionamiento principal',
    columns: [
      ['1', 'id'],
      ['3', 'lat'],
      ['2', 'lon'],
    ],
  },
];

const OUTPUT_EXTENSIONS = [
  'subidas',
  'servicios',
  'profile',
  'perfilesag',
  'expediciones',
  'stop',
  'zonas',
  'buses',
  'tarjetas',
  'headways',
  'etapas',
  'viajes',
  'actividades',
  'indicadores',
  'general',
  'odbyroute',
  'stoptime',
  'bip',
  'podata',
] as const;

/** Path of a PO file inside the PO folder, e.g. `Paraderos/BaseInfra_PO20200601.csv`. */
export function poFilePath(file: PoFile, poDate: string): string {
  const name = `${file.name}_PO${poDate}.${file.ext}`;
  return file.folder ? `${file.folder}/${name}` : name;
}

export function parTemplate(): string {
  const lines: string[] = ['Parametros ADATRAP (plantilla del sandbox)', '------------------------', ''];
  const line = (value: string, comment: string): void => {
    lines.push(`${value}\t\t\t* ${comment}`);
  };
  for (const ext of OUTPUT_EXTENSIONS) line(`ADATRAP/{date}/{date}.${ext}`, `Salida ${ext}`);
  line('ADATRAP/{date}/', 'Carpeta de salida del dia');
  line('{date}', 'Fecha del dia de procesamiento');
  line('1', '0 formato ADATRAP, 1 formato Online');
  line('tmp/{date}.gps', 'INPUT : archivo con gps');
  line('1\t1', 'patente');
  line('4\t3', 'tiempo del GPS ano-mes-dia hora:min:seg');
  line('2\t4', 'latitud');
  line('3\t5', 'longitud');
  line('tmp/{date}.196', 'Informe 1.96');
  line('1', 'unidad de negocio');
  line('2', 'patente');
  line('5', 'servicio');
  line('12', 'velocidad media');
  line('17', 'cumplimiento operativo');
  line('tmp/{date}.trx', 'Transacciones');
  line('3\t1', 'Columna del id');
  line('2\t2', 'Columna de tiempo');
  line('9\t3', 'Columna del sitio');
  line('13\t-1', 'Columna con el tipo de la transaccion');
  for (const file of PO_FILES) {
    const folder = file.folder ? `/${file.folder}` : '';
    line(`{po_path}${folder}/${file.name}_PO{po_date}.${file.ext}`, file.comment);
    for (const [column, comment] of file.columns) line(column, comment);
  }
  line('{service_detail_file}', 'Zonas pagas');
  line('1', 'codigo de la zona paga');
  line('3', 'codigo de la parada');
  line('5', 'x');
  line('6', 'y');
  line('30', 'Tiempo umbral maximo de espera en zona paga en minutos');
  line('200.0', 'Distancia umbral fuera de ruta');
  return `${lines.join('\n')}\n`;
}
