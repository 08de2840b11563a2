// Messages about the `.par` template (src/core/par.ts).
export const en = {
  'par.leftoverPlaceholders':
    'The template {name} still has {placeholders} after rendering; only the four placeholders of date, PO path, PO date and service detail are filled.',
  'par.noPoFiles': 'The template {name} names no file under the PO folder: is it a pvmtsc .par template?',
} as const;

export const es: { [K in keyof typeof en]: string } = {
  'par.leftoverPlaceholders':
    'La plantilla {name} aún contiene {placeholders} tras rellenarla; solo se rellenan los cuatro marcadores de fecha, carpeta del PO, fecha del PO y detalle de servicios.',
  'par.noPoFiles':
    'La plantilla {name} no nombra ningún archivo de la carpeta del PO: ¿es una plantilla .par de pvmtsc?',
};
